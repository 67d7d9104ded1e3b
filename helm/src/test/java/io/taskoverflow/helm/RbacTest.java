package io.taskoverflow.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Least privilege: namespaced Roles, no wildcards, each ServiceAccount only the verbs it uses. */
class RbacTest {

  private static final Set<String> OPERATOR_WITHOUT_LEASES =
      Set.of(
          "taskoverflow.io/calendarexports:get",
          "taskoverflow.io/calendarexports:list",
          "taskoverflow.io/calendarexports:watch",
          "taskoverflow.io/calendarexports:create",
          "taskoverflow.io/calendarexports:patch",
          "taskoverflow.io/calendarexports:update",
          "taskoverflow.io/calendarexports:delete",
          "taskoverflow.io/calendarexports/status:get",
          "taskoverflow.io/calendarexports/status:patch",
          "taskoverflow.io/calendarexports/status:update",
          "taskoverflow.io/calendarexports/finalizers:update",
          "taskoverflow.io/calendarfeeds:get",
          "taskoverflow.io/calendarfeeds:list",
          "taskoverflow.io/calendarfeeds:watch",
          "taskoverflow.io/calendarfeeds:delete",
          "taskoverflow.io/calendarfeeds/status:get",
          "taskoverflow.io/calendarfeeds/status:patch",
          "taskoverflow.io/calendarfeeds/status:update",
          "taskoverflow.io/calendarfeeds/finalizers:update",
          "batch/jobs:get",
          "batch/jobs:list",
          "batch/jobs:watch",
          "batch/jobs:create",
          "batch/jobs:delete",
          "batch/jobs:patch",
          "batch/jobs:update",
          "/pods:get",
          "/pods:list",
          "/pods:watch",
          "/events:create",
          "/events:patch");

  private static final Set<String> LEASES =
      Set.of(
          "coordination.k8s.io/leases:get",
          "coordination.k8s.io/leases:create",
          "coordination.k8s.io/leases:update",
          // fabric8's LeaseLock acquires and renews with a merge patch.
          "coordination.k8s.io/leases:patch");

  private static final Set<String> API_SERVER =
      Set.of(
          "taskoverflow.io/calendarexports:get",
          "taskoverflow.io/calendarexports:list",
          "taskoverflow.io/calendarexports:watch",
          "taskoverflow.io/calendarexports:create",
          "taskoverflow.io/calendarexports:patch",
          "taskoverflow.io/calendarfeeds:get",
          "taskoverflow.io/calendarfeeds:list",
          "taskoverflow.io/calendarfeeds:watch",
          "taskoverflow.io/calendarfeeds:create",
          "taskoverflow.io/calendarfeeds:patch");

  @ForEachValuesSet
  void onlyNamespacedRolesWithoutWildcards(String valuesSet) {
    Chart.Rendered rendered = Chart.renderSet(valuesSet);
    assertThat(rendered.ofKind("ClusterRole")).isEmpty();
    assertThat(rendered.ofKind("ClusterRoleBinding")).isEmpty();
    assertThat(rendered.ofKind("Role")).hasSize(2);
    for (JsonNode role : rendered.ofKind("Role")) {
      assertThat(role.at("/metadata/namespace").asText()).isEqualTo(Chart.NAMESPACE);
      for (JsonNode rule : role.path("rules")) {
        for (String field : new String[] {"apiGroups", "resources", "verbs", "resourceNames"}) {
          assertThat(PodSecurityTest.texts(rule.path(field)))
              .as(role.at("/metadata/name").asText() + " " + field)
              .noneMatch(value -> value.contains("*"));
        }
        assertThat(rule.has("nonResourceURLs")).isFalse();
      }
    }
  }

  @ForEachValuesSet
  void theOperatorGetsExactlyTheVerbsItUses(String valuesSet) {
    Set<String> expected = new TreeSet<>(OPERATOR_WITHOUT_LEASES);
    expected.addAll(LEASES);
    assertThat(grants(Chart.renderSet(valuesSet).get("Role", "taskoverflow-operator")))
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void withoutLeaderElectionTheOperatorGetsNoLeases() {
    Chart.Rendered rendered = Chart.render(Map.of("operator.leaderElection.enabled", false));
    assertThat(grants(rendered.get("Role", "taskoverflow-operator")))
        .containsExactlyInAnyOrderElementsOf(OPERATOR_WITHOUT_LEASES);
  }

  @Test
  void leaseVerbsShareOneRuleAsJosdkChecksThemTogether() {
    // JOSDK's LeaderElectionManager looks for one rule on leases with create, update and get;
    // fabric8's LeaseLock patches the Lease it holds.
    JsonNode role = Chart.render().get("Role", "taskoverflow-operator");
    assertThat(role.path("rules"))
        .anySatisfy(
            rule -> {
              assertThat(PodSecurityTest.texts(rule.path("resources"))).contains("leases");
              assertThat(PodSecurityTest.texts(rule.path("verbs")))
                  .contains("create", "update", "get", "patch");
              assertThat(rule.has("resourceNames")).isFalse();
            });
  }

  @ForEachValuesSet
  void theApiServerOnlyCreatesAndReadsCalendarExports(String valuesSet) {
    assertThat(grants(Chart.renderSet(valuesSet).get("Role", "taskoverflow-api-server")))
        .containsExactlyInAnyOrderElementsOf(API_SERVER);
  }

  @ForEachValuesSet
  void nothingMayReadSecretsOrExecIntoPods(String valuesSet) {
    for (JsonNode role : Chart.renderSet(valuesSet).ofKind("Role")) {
      assertThat(grants(role))
          .noneMatch(grant -> grant.startsWith("/secrets:"))
          .noneMatch(grant -> grant.startsWith("/pods/"))
          .noneMatch(grant -> grant.startsWith("/serviceaccounts"));
    }
  }

  @ForEachValuesSet
  void eachBindingGivesItsRoleToItsOwnServiceAccountOnly(String valuesSet) {
    Chart.Rendered rendered = Chart.renderSet(valuesSet);
    assertThat(rendered.ofKind("RoleBinding")).hasSize(2);
    for (JsonNode binding : rendered.ofKind("RoleBinding")) {
      String name = binding.at("/metadata/name").asText();
      assertThat(binding.at("/roleRef/kind").asText()).isEqualTo("Role");
      assertThat(binding.at("/roleRef/name").asText()).isEqualTo(name);
      assertThat(binding.path("subjects")).hasSize(1);
      JsonNode subject = binding.path("subjects").get(0);
      assertThat(subject.path("kind").asText()).isEqualTo("ServiceAccount");
      // Never "default", nor the generator's account: generator pods get no permissions.
      assertThat(subject.path("name").asText())
          .isEqualTo(name)
          .isNotIn("default", "taskoverflow-generator");
      assertThat(subject.path("namespace").asText()).isEqualTo(Chart.NAMESPACE);
      assertThat(rendered.has("ServiceAccount", name)).isTrue();
    }
  }

  @Test
  void workloadsRunAsTheirOwnServiceAccounts() {
    Chart.Rendered rendered = Chart.render();
    assertThat(
            rendered
                .get("Deployment", "taskoverflow-operator")
                .at("/spec/template/spec/serviceAccountName")
                .asText())
        .isEqualTo("taskoverflow-operator");
    assertThat(
            rendered
                .get("Deployment", "taskoverflow-api-server")
                .at("/spec/template/spec/serviceAccountName")
                .asText())
        .isEqualTo("taskoverflow-api-server");
  }

  /** Each rule flattened to "group/resource:verb". */
  static Set<String> grants(JsonNode role) {
    Set<String> grants = new TreeSet<>();
    for (JsonNode rule : role.path("rules")) {
      for (JsonNode group : rule.path("apiGroups")) {
        for (JsonNode resource : rule.path("resources")) {
          for (JsonNode verb : rule.path("verbs")) {
            grants.add(group.asText() + "/" + resource.asText() + ":" + verb.asText());
          }
        }
      }
    }
    return grants;
  }
}

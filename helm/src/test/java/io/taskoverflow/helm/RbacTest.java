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
      flattened(
          "taskoverflow.io/calendarexports:get,list,watch,create,patch,update,delete",
          "taskoverflow.io/calendarexports/status:get,patch,update",
          "taskoverflow.io/calendarexports/finalizers:update",
          "taskoverflow.io/calendarfeeds:get,list,watch,delete",
          "taskoverflow.io/calendarfeeds/status:get,patch,update",
          "taskoverflow.io/calendarfeeds/finalizers:update",
          "batch/jobs:get,list,watch,create,delete,patch,update",
          "/pods:get,list,watch",
          "/events:create,patch");

  // patch: fabric8's LeaseLock acquires and renews the Lease with a merge patch.
  private static final Set<String> LEASES =
      flattened("coordination.k8s.io/leases:get,create,update,patch");

  private static final Set<String> API_SERVER =
      flattened(
          "taskoverflow.io/calendarexports:get,list,watch,create,patch",
          "taskoverflow.io/calendarfeeds:get,list,watch,create,patch");

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

  /** Rules written "group/resource:verb,verb", flattened to "group/resource:verb" as below. */
  private static Set<String> flattened(String... rules) {
    Set<String> grants = new TreeSet<>();
    for (String rule : rules) {
      String[] resourceAndVerbs = rule.split(":");
      for (String verb : resourceAndVerbs[1].split(",")) {
        grants.add(resourceAndVerbs[0] + ":" + verb);
      }
    }
    return grants;
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

package io.taskoverflow.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The operator Deployment: the generator's settings, health endpoints and leader election. */
class OperatorConfigTest {

  private static JsonNode operator(Chart.Rendered rendered) {
    return rendered.get("Deployment", "taskoverflow-operator");
  }

  private static Map<String, String> operatorEnv(Chart.Rendered rendered) {
    return Chart.Rendered.env(
        Chart.Rendered.container(operator(rendered).at("/spec/template/spec"), "operator"));
  }

  @Test
  void generatorSettingsReachTheOperator() {
    Chart.Rendered rendered =
        Chart.render(
            Map.of(
                "image.registry", "registry.example.com/to",
                "image.tag", "1.2.3",
                "generator.image.pullPolicy", "Always",
                "generator.resources.requests.cpu", "250m",
                "generator.resources.limits.cpu", "3",
                "generator.resources.requests.memory", "200Mi",
                "generator.resources.limits.memory", "1Gi",
                "generator.job.backoffLimit", 5,
                "generator.job.activeDeadlineSeconds", 900,
                "generator.exportTtlSeconds", 3600));
    assertThat(operatorEnv(rendered))
        .containsEntry("GENERATOR_IMAGE", "registry.example.com/to/taskoverflow-generator:1.2.3")
        .containsEntry("GENERATOR_IMAGE_PULL_POLICY", "Always")
        .containsEntry("GENERATOR_CPU_REQUEST", "250m")
        .containsEntry("GENERATOR_CPU_LIMIT", "3")
        .containsEntry("GENERATOR_MEMORY_REQUEST", "200Mi")
        .containsEntry("GENERATOR_MEMORY_LIMIT", "1Gi")
        .containsEntry("DB_SECRET_NAME", "taskoverflow-db")
        .containsEntry("JOB_BACKOFF_LIMIT", "5")
        .containsEntry("JOB_MAX_BACKOFF_LIMIT", "10")
        .containsEntry("JOB_ACTIVE_DEADLINE_SECONDS", "900")
        .containsEntry("JOB_MAX_ACTIVE_DEADLINE_SECONDS", "3600")
        .containsEntry("EXPORT_TTL_SECONDS", "3600")
        .containsEntry("EXPORT_MAX_TTL_SECONDS", "604800");
  }

  @Test
  void theResultLimitReachesTheOperatorAsAPlainInteger() {
    Chart.Rendered rendered = Chart.render(Map.of("generator.maxResultBytes", 1_000_000_000));
    assertThat(operatorEnv(rendered)).containsEntry("GENERATOR_MAX_RESULT_BYTES", "1000000000");
  }

  @Test
  void defaultsMatchTheOperatorsOwnDefaults() {
    assertThat(operatorEnv(Chart.render()))
        .containsEntry("GENERATOR_IMAGE", "taskoverflow/taskoverflow-generator:0.1.0-SNAPSHOT")
        .containsEntry("GENERATOR_IMAGE_PULL_POLICY", "IfNotPresent")
        .containsEntry("GENERATOR_CPU_REQUEST", "100m")
        .containsEntry("GENERATOR_CPU_LIMIT", "2")
        .containsEntry("GENERATOR_MEMORY_REQUEST", "128Mi")
        .containsEntry("GENERATOR_MEMORY_LIMIT", "256Mi")
        .containsEntry("WATCH_NAMESPACE", "field:metadata.namespace")
        .containsEntry("POD_NAME", "field:metadata.name")
        .containsEntry("HEALTH_PORT", "8080")
        .containsEntry("GENERATOR_MAX_RESULT_BYTES", "67108864")
        .containsEntry("MAX_RUNNING_GENERATORS", "4");
  }

  @Test
  void theNumberOfRunningGeneratorsReachesTheOperatorAndMustBePositive() {
    assertThat(operatorEnv(Chart.render(Map.of("generator.maxRunning", 12))))
        .containsEntry("MAX_RUNNING_GENERATORS", "12");
    assertThatThrownBy(() -> Chart.render(Map.of("generator.maxRunning", 0)))
        .hasMessageContaining("maxRunning");
  }

  @Test
  void aResultLimitThatIsNotAPositiveIntegerIsRefused() {
    assertThatThrownBy(() -> Chart.render(Map.of("generator.maxResultBytes", "64Mi")))
        .hasMessageContaining("maxResultBytes");
    assertThatThrownBy(() -> Chart.render(Map.of("generator.maxResultBytes", 0)))
        .hasMessageContaining("maxResultBytes");
  }

  @Test
  void theOperatorWatchesOnlyItsReleaseNamespace() {
    // The Roles are namespaced; a cluster-wide watch would fail with 403.
    assertThat(operatorEnv(Chart.render()))
        .containsEntry("WATCH_NAMESPACE", "field:metadata.namespace");
  }

  @Test
  void healthAndReadinessProbesUseTheHealthPort() {
    JsonNode container =
        Chart.Rendered.container(operator(Chart.render()).at("/spec/template/spec"), "operator");
    assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(8080);
    assertThat(container.at("/ports/0/name").asText()).isEqualTo("health");
    assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/healthz");
    assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/readyz");
    assertThat(container.at("/livenessProbe/httpGet/port").asText()).isEqualTo("health");
  }

  @Test
  void twoReplicasElectALeaderThroughALease() {
    Chart.Rendered rendered = Chart.render("values-external-db.yaml");
    assertThat(operator(rendered).at("/spec/replicas").asInt()).isEqualTo(2);
    assertThat(operatorEnv(rendered))
        .containsEntry("LEADER_ELECTION", "true")
        .containsEntry("LEADER_ELECTION_LEASE", "taskoverflow-operator");
    assertThat(RbacTest.grants(rendered.get("Role", "taskoverflow-operator")))
        .contains("coordination.k8s.io/leases:update");
  }

  @Test
  void withoutLeaderElectionTheOperatorIsReplacedNotRolled() {
    Chart.Rendered rendered = Chart.render(Map.of("operator.leaderElection.enabled", false));
    assertThat(operatorEnv(rendered)).containsEntry("LEADER_ELECTION", "false");
    assertThat(operator(rendered).at("/spec/strategy/type").asText()).isEqualTo("Recreate");
  }

  @Test
  void twoReplicasWithoutLeaderElectionAreRefused() {
    assertThatThrownBy(
            () ->
                Chart.render(
                    Map.of("operator.replicas", 2, "operator.leaderElection.enabled", false)))
        .hasMessageContaining("leaderElection");
  }

  @Test
  void generatorPodsRunAsTheirOwnTokenlessAccountWithNoRoleAndNoRoute() {
    Chart.Rendered rendered = Chart.render();
    // The operator puts this account and automountServiceAccountToken: false into every
    // generator pod (GeneratorJobFactory).
    assertThat(operatorEnv(rendered))
        .containsEntry("GENERATOR_SERVICE_ACCOUNT", "taskoverflow-generator");
    JsonNode account = rendered.get("ServiceAccount", "taskoverflow-generator");
    assertThat(account.path("automountServiceAccountToken").asBoolean(true)).isFalse();
    assertThat(account.at("/metadata/labels/app.kubernetes.io~1component").asText())
        .isEqualTo("calendar-generator");
    // No binding gives the account anything.
    assertThat(rendered.ofKind("RoleBinding"))
        .flatExtracting(binding -> binding.findValuesAsText("name"))
        .doesNotContain("taskoverflow-generator");
    // And even a token would be useless: their NetworkPolicy has no route to the API server.
    JsonNode policy = rendered.get("NetworkPolicy", "taskoverflow-generator");
    assertThat(policy.at("/spec/egress").findValuesAsText("port")).doesNotContain("443", "6443");
  }

  @Test
  void theGeneratorAccountFollowsTheReleasesFullName() {
    Chart.Rendered rendered = Chart.render(Map.of("fullnameOverride", "calx"));
    assertThat(rendered.has("ServiceAccount", "calx-generator")).isTrue();
    assertThat(rendered.deploymentEnv("calx-operator", "operator"))
        .containsEntry("GENERATOR_SERVICE_ACCOUNT", "calx-generator");
  }
}

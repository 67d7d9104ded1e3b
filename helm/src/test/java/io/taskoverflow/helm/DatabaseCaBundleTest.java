package io.taskoverflow.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * database.caBundle: the CA that verifies the database's certificate (sslmode=verify-full) is
 * mounted into every pod that connects to it, generator pods included (through the operator).
 */
class DatabaseCaBundleTest {

  /** The chart's pods that connect to the database: kind/name → container. */
  private static final Map<String, String> CLIENTS =
      Map.of(
          "Deployment/taskoverflow-api-server", "api-server",
          "Deployment/taskoverflow-operator", "operator",
          "Job/taskoverflow-db-migrate", "migrate");

  private static JsonNode mount(JsonNode container) {
    for (JsonNode mount : container.path("volumeMounts")) {
      if ("db-ca".equals(mount.path("name").asText())) {
        return mount;
      }
    }
    return null;
  }

  private static JsonNode volume(JsonNode pod) {
    for (JsonNode volume : pod.path("volumes")) {
      if ("db-ca".equals(volume.path("name").asText())) {
        return volume;
      }
    }
    return null;
  }

  @Test
  void theEksValuesMountTheRdsBundleEverywhereAndHandItToTheOperator() {
    Chart.Rendered rendered = Chart.render("values-external-db.yaml");
    Map<String, JsonNode> pods = rendered.podSpecs();
    CLIENTS.forEach(
        (workload, container) -> {
          JsonNode pod = pods.get(workload);
          assertThat(pod).as(workload).isNotNull();
          assertThat(volume(pod).at("/configMap/name").asText())
              .as(workload)
              .isEqualTo("rds-ca-bundle");
          JsonNode mount = mount(Chart.Rendered.container(pod, container));
          assertThat(mount).as(workload).isNotNull();
          assertThat(mount.path("mountPath").asText()).isEqualTo("/etc/taskoverflow/db-ca");
          assertThat(mount.path("readOnly").asBoolean()).as(workload).isTrue();
        });
    // Generator pods: the operator adds the same volume to every generator Job it creates.
    Map<String, String> env =
        Chart.Rendered.env(
            Chart.Rendered.container(pods.get("Deployment/taskoverflow-operator"), "operator"));
    assertThat(env)
        .containsEntry("GENERATOR_DB_CA_CONFIGMAP", "rds-ca-bundle")
        .containsEntry("GENERATOR_DB_CA_MOUNT_PATH", "/etc/taskoverflow/db-ca")
        .doesNotContainKey("GENERATOR_DB_CA_SECRET");
  }

  @Test
  void aBundleMayComeFromASecretAtAnotherPath() {
    Chart.Rendered rendered =
        Chart.renderWith(
            "database: {caBundle: {configMap: '', secret: db-ca, mountPath: /etc/ssl/db}}",
            "values-external-db.yaml");
    Map<String, JsonNode> pods = rendered.podSpecs();
    CLIENTS.forEach(
        (workload, container) -> {
          JsonNode pod = pods.get(workload);
          assertThat(volume(pod).at("/secret/secretName").asText()).as(workload).isEqualTo("db-ca");
          assertThat(volume(pod).has("configMap")).isFalse();
          assertThat(mount(Chart.Rendered.container(pod, container)).path("mountPath").asText())
              .isEqualTo("/etc/ssl/db");
        });
    assertThat(
            Chart.Rendered.env(
                Chart.Rendered.container(pods.get("Deployment/taskoverflow-operator"), "operator")))
        .containsEntry("GENERATOR_DB_CA_SECRET", "db-ca")
        .containsEntry("GENERATOR_DB_CA_MOUNT_PATH", "/etc/ssl/db")
        .doesNotContainKey("GENERATOR_DB_CA_CONFIGMAP");
  }

  @Test
  void withoutABundleNothingIsMounted() {
    for (String valuesSet : List.of("defaults", "values-kind.yaml")) {
      Chart.Rendered rendered = Chart.renderSet(valuesSet);
      rendered
          .podSpecs()
          .forEach((name, pod) -> assertThat(volume(pod)).as(valuesSet + " " + name).isNull());
      assertThat(rendered.deploymentEnv("taskoverflow-operator", "operator"))
          .doesNotContainKeys(
              "GENERATOR_DB_CA_CONFIGMAP", "GENERATOR_DB_CA_SECRET", "GENERATOR_DB_CA_MOUNT_PATH");
    }
  }

  @Test
  void aConfigMapAndASecretAtOnceAreRefused() {
    assertThatThrownBy(
            () ->
                Chart.renderWith(
                    "database: {caBundle: {configMap: a, secret: b}}", "values-external-db.yaml"))
        .hasMessageContaining("database.caBundle: set configMap or secret, not both");
  }

  @Test
  void theMountPathMustBeAbsolute() {
    assertThatThrownBy(() -> Chart.render(Map.of("database.caBundle.mountPath", "certs")))
        .hasMessageContaining("/database/caBundle/mountPath");
  }
}

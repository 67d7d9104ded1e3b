package io.taskoverflow.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The database: in-cluster PostgreSQL or an existing Secret, credentials and migrations. */
class DatabaseTest {

  @AfterEach
  void forgetPlantedSecrets() {
    Chart.API.clear();
  }

  @Test
  void inClusterPostgresqlIsAStatefulSetOfTheOfficialImageWithAVolumeClaim() {
    JsonNode statefulSet = Chart.render().get("StatefulSet", "taskoverflow-postgresql");
    JsonNode pod = statefulSet.at("/spec/template/spec");
    assertThat(pod.at("/containers/0/image").asText()).isEqualTo("docker.io/library/postgres:16");
    assertThat(pod.at("/securityContext/runAsUser").asInt()).isEqualTo(999);
    assertThat(
            statefulSet.at("/spec/volumeClaimTemplates/0/spec/resources/requests/storage").asText())
        .isEqualTo("1Gi");
    assertThat(Chart.Rendered.env(pod.path("containers").get(0)))
        .containsEntry("POSTGRES_USER", "secret:taskoverflow-db/username")
        .containsEntry("POSTGRES_PASSWORD", "secret:taskoverflow-db/password");
    assertThat(Chart.render().has("Service", "taskoverflow-postgresql")).isTrue();
  }

  @Test
  void theGeneratedSecretHasTheThreeContractKeys() {
    JsonNode secret = Chart.render().get("Secret", "taskoverflow-db");
    assertThat(decode(secret, "jdbc-url"))
        .isEqualTo("jdbc:postgresql://taskoverflow-postgresql.taskoverflow.svc:5432/taskoverflow");
    assertThat(decode(secret, "username")).isEqualTo("taskoverflow");
    assertThat(decode(secret, "password")).hasSize(32).matches("[A-Za-z0-9]+");
    assertThat(secret.at("/metadata/annotations/helm.sh~1resource-policy").asText())
        .isEqualTo("keep");
  }

  @Test
  void anUpgradeKeepsThePasswordTheDataDirectoryWasInitialisedWith() {
    ObjectNode existing = Chart.JSON.createObjectNode();
    existing.put("apiVersion", "v1").put("kind", "Secret");
    existing.putObject("metadata").put("name", "taskoverflow-db").put("namespace", "taskoverflow");
    existing
        .putObject("data")
        .put(
            "password",
            Base64.getEncoder().encodeToString("s3cret".getBytes(StandardCharsets.UTF_8)));
    Chart.API.putSecret("taskoverflow", "taskoverflow-db", existing);

    JsonNode secret = Chart.render(Map.of()).get("Secret", "taskoverflow-db");
    assertThat(decode(secret, "password")).isEqualTo("s3cret");
  }

  @Test
  void anExternalDatabaseComesThroughTheExistingSecretOnly() {
    Chart.Rendered rendered = Chart.render("values-external-db.yaml");
    assertThat(rendered.ofKind("StatefulSet")).isEmpty();
    assertThat(rendered.ofKind("Secret")).isEmpty();
    assertThat(rendered.ofKind("PersistentVolumeClaim")).isEmpty();
    assertThat(rendered.has("Service", "taskoverflow-postgresql")).isFalse();
    assertThat(rendered.deploymentEnv("taskoverflow-operator", "operator"))
        .containsEntry("DB_SECRET_NAME", "taskoverflow-db")
        .containsEntry("DB_URL", "secret:taskoverflow-db/jdbc-url");
  }

  @Test
  void anExternalDatabaseNeedsTheSecretName() {
    assertThatThrownBy(() -> Chart.render(Map.of("postgresql.enabled", false)))
        .hasMessageContaining("database.existingSecret");
    assertThatThrownBy(() -> Chart.render(Map.of("database.existingSecret", "mine")))
        .hasMessageContaining("postgresql.enabled=false");
  }

  @ForEachValuesSet
  void everyProcessReadsTheCredentialsFromTheSecretOnly(String valuesSet) {
    Chart.Rendered rendered = Chart.renderSet(valuesSet);
    rendered
        .podSpecs()
        .forEach(
            (name, pod) -> {
              for (JsonNode container : pod.path("containers")) {
                Map<String, String> env = Chart.Rendered.env(container);
                if (env.containsKey("DB_URL")) {
                  assertThat(env)
                      .as(name)
                      .containsEntry("DB_URL", "secret:taskoverflow-db/jdbc-url")
                      .containsEntry("DB_USER", "secret:taskoverflow-db/username")
                      .containsEntry("DB_PASSWORD", "secret:taskoverflow-db/password");
                }
                assertThat(env.values()).as(name).noneMatch(value -> value.startsWith("jdbc:"));
                assertThat(container.has("envFrom")).as(name + " envFrom").isFalse();
              }
            });
  }

  @ForEachValuesSet
  void migrationsRunInAHookJobAndNotInTheApiServer(String valuesSet) {
    Chart.Rendered rendered = Chart.renderSet(valuesSet);
    JsonNode job = rendered.get("Job", "taskoverflow-db-migrate");
    JsonNode container = job.at("/spec/template/spec/containers/0");
    assertThat(container.path("image").asText())
        .isEqualTo(
            rendered
                .get("Deployment", "taskoverflow-api-server")
                .at("/spec/template/spec/containers/0/image")
                .asText());
    assertThat(PodSecurityTest.texts(container.path("args"))).containsExactly("migrate");
    assertThat(job.at("/spec/template/spec/restartPolicy").asText()).isEqualTo("Never");
    assertThat(job.at("/metadata/annotations/helm.sh~1hook-delete-policy").asText())
        .isEqualTo("before-hook-creation,hook-succeeded");
    assertThat(rendered.deploymentEnv("taskoverflow-api-server", "api-server"))
        .containsEntry("DB_MIGRATE_ON_START", "false");
  }

  @Test
  void withAnExternalDatabaseMigrationsRunBeforeAnythingIsInstalled() {
    JsonNode job = Chart.render("values-external-db.yaml").get("Job", "taskoverflow-db-migrate");
    assertThat(job.at("/metadata/annotations/helm.sh~1hook").asText())
        .isEqualTo("pre-install,pre-upgrade");
    assertThat(job.at("/spec/template/spec/initContainers").isMissingNode()).isTrue();
  }

  private static String decode(JsonNode secret, String key) {
    return new String(
        Base64.getDecoder().decode(secret.at("/data/" + key).asText()), StandardCharsets.UTF_8);
  }
}

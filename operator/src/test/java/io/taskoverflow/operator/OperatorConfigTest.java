package io.taskoverflow.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OperatorConfigTest {

  private static final Map<String, String> REQUIRED =
      Map.of(
          "GENERATOR_IMAGE", "taskoverflow/generator:1.0",
          "DB_URL", "jdbc:postgresql://db/taskoverflow",
          "DB_USER", "taskoverflow",
          "DB_PASSWORD", "secret");

  @Test
  void theDocumentedDefaultsApply() {
    OperatorConfig config = OperatorConfig.fromEnv(REQUIRED);

    assertThat(config.watchNamespace()).isNull();
    assertThat(config.generator().image()).isEqualTo("taskoverflow/generator:1.0");
    assertThat(config.generator().imagePullPolicy()).isEqualTo("IfNotPresent");
    assertThat(config.generator().cpuRequest()).isEqualTo("100m");
    assertThat(config.generator().cpuLimit()).isEqualTo("2");
    assertThat(config.generator().memoryRequest()).isEqualTo("128Mi");
    assertThat(config.generator().memoryLimit()).isEqualTo("256Mi");
    assertThat(config.generator().dbSecretName()).isEqualTo("taskoverflow-db");
    assertThat(config.generator().serviceAccountName()).isNull();
    assertThat(config.generator().maxResultBytes()).isEqualTo(67_108_864L);
    assertThat(config.limits().backoffLimit()).isEqualTo(3);
    assertThat(config.limits().maxBackoffLimit()).isEqualTo(10);
    assertThat(config.limits().activeDeadlineSeconds()).isEqualTo(600);
    assertThat(config.limits().maxActiveDeadlineSeconds()).isEqualTo(3600);
    assertThat(config.limits().ttlSeconds()).isEqualTo(86400);
    assertThat(config.limits().maxTtlSeconds()).isEqualTo(604800);
    assertThat(config.healthPort()).isEqualTo(8080);
    assertThat(config.healthBindAddress()).isEqualTo("0.0.0.0");
    assertThat(config.leaderElection()).isFalse();
    assertThat(config.leaseName()).isEqualTo("taskoverflow-operator");
    assertThat(config.podName()).isNotBlank();
    assertThat(config.maxRunningGenerators()).isEqualTo(4);
  }

  @Test
  void theNumberOfRunningGeneratorsIsASettingOfAtLeastOne() {
    Map<String, String> env = new HashMap<>(REQUIRED);
    env.put("MAX_RUNNING_GENERATORS", "12");
    assertThat(OperatorConfig.fromEnv(env).maxRunningGenerators()).isEqualTo(12);

    env.put("MAX_RUNNING_GENERATORS", "0");
    assertThatThrownBy(() -> OperatorConfig.fromEnv(env))
        .hasMessageContaining("MAX_RUNNING_GENERATORS");
  }

  @Test
  void everyVariableCanBeSet() {
    Map<String, String> env = new HashMap<>(REQUIRED);
    env.putAll(
        Map.of(
            "WATCH_NAMESPACE", "exports",
            "GENERATOR_IMAGE_PULL_POLICY", "Always",
            "GENERATOR_MEMORY_LIMIT", "1Gi",
            "DB_SECRET_NAME", "rds",
            "JOB_BACKOFF_LIMIT", "1",
            "EXPORT_TTL_SECONDS", "60",
            "HEALTH_PORT", "9090",
            "LEADER_ELECTION", "true",
            "LEADER_ELECTION_LEASE", "calx-leader",
            "POD_NAME", "operator-0"));
    env.put("GENERATOR_SERVICE_ACCOUNT", "taskoverflow-generator");
    env.put("HEALTH_BIND_ADDRESS", "127.0.0.1");
    env.put("GENERATOR_MAX_RESULT_BYTES", "1000000");

    OperatorConfig config = OperatorConfig.fromEnv(env);

    assertThat(config.watchNamespace()).isEqualTo("exports");
    assertThat(config.generator().imagePullPolicy()).isEqualTo("Always");
    assertThat(config.generator().memoryLimit()).isEqualTo("1Gi");
    assertThat(config.generator().dbSecretName()).isEqualTo("rds");
    assertThat(config.generator().serviceAccountName()).isEqualTo("taskoverflow-generator");
    assertThat(config.generator().maxResultBytes()).isEqualTo(1_000_000L);
    assertThat(config.limits().backoffLimit()).isEqualTo(1);
    assertThat(config.limits().ttlSeconds()).isEqualTo(60);
    assertThat(config.healthPort()).isEqualTo(9090);
    assertThat(config.healthBindAddress()).isEqualTo("127.0.0.1");
    assertThat(config.leaderElection()).isTrue();
    assertThat(config.leaseName()).isEqualTo("calx-leader");
    assertThat(config.podName()).isEqualTo("operator-0");
  }

  @Test
  void startUpFailsNamingEveryMissingVariable() {
    assertThatThrownBy(() -> OperatorConfig.fromEnv(Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("GENERATOR_IMAGE")
        .hasMessageContaining("DB_URL")
        .hasMessageContaining("DB_USER")
        .hasMessageContaining("DB_PASSWORD");
  }

  @Test
  void anEmptyDatabasePasswordIsAllowed() {
    Map<String, String> env = new HashMap<>(REQUIRED);
    env.put("DB_PASSWORD", "");

    assertThat(OperatorConfig.fromEnv(env).database().password()).isEmpty();
  }

  @Test
  void malformedValuesAreAllReported() {
    Map<String, String> env = new HashMap<>(REQUIRED);
    env.putAll(
        Map.of(
            "JOB_BACKOFF_LIMIT", "many",
            "GENERATOR_CPU_LIMIT", "lots",
            "GENERATOR_IMAGE_PULL_POLICY", "Sometimes",
            "LEADER_ELECTION", "yes"));

    assertThatThrownBy(() -> OperatorConfig.fromEnv(env))
        .hasMessageContaining("JOB_BACKOFF_LIMIT")
        .hasMessageContaining("GENERATOR_CPU_LIMIT")
        .hasMessageContaining("GENERATOR_IMAGE_PULL_POLICY")
        .hasMessageContaining("LEADER_ELECTION");
  }

  @ParameterizedTest
  @ValueSource(strings = {"64Mi", "0", "-1", "1.5", "99999999999999999999"})
  void aResultLimitThatIsNotAPositiveByteCountStopsStartUp(String value) {
    Map<String, String> env = new HashMap<>(REQUIRED);
    env.put("GENERATOR_MAX_RESULT_BYTES", value);

    assertThatThrownBy(() -> OperatorConfig.fromEnv(env))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "GENERATOR_MAX_RESULT_BYTES must be a positive number of bytes such as 67108864, was '"
                + value
                + "'");
  }

  @Test
  void aDefaultAboveItsMaximumIsRejected() {
    Map<String, String> env = new HashMap<>(REQUIRED);
    env.put("JOB_BACKOFF_LIMIT", "11");

    assertThatThrownBy(() -> OperatorConfig.fromEnv(env))
        .hasMessageContaining("JOB_BACKOFF_LIMIT (11) must not exceed its maximum (10)");
  }

  @Test
  void thePasswordNeverAppearsInTheDescription() {
    assertThat(OperatorConfig.fromEnv(REQUIRED).toString()).doesNotContain("secret");
  }
}

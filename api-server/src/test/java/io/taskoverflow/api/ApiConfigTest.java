package io.taskoverflow.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiConfigTest {

  private static final Map<String, String> REQUIRED =
      Map.of("DB_URL", "jdbc:postgresql://db/todos", "DB_USER", "todo", "DB_PASSWORD", "secret");

  @Test
  void defaultsApplyWhenOnlyTheDatabaseIsConfigured() {
    ApiConfig config = ApiConfig.fromEnv(REQUIRED);
    assertThat(config.port()).isEqualTo(6400);
    assertThat(config.dbPoolSize()).isEqualTo(10);
    assertThat(config.migrateOnStart()).isTrue();
    assertThat(config.namespace()).isNull();
    assertThat(config.maxBodyBytes()).isEqualTo(65536);
  }

  @Test
  void everyVariableIsRead() {
    Map<String, String> env = new java.util.HashMap<>(REQUIRED);
    env.putAll(
        Map.of(
            "PORT", "0",
            "DB_POOL_SIZE", "3",
            "DB_MIGRATE_ON_START", "false",
            "NAMESPACE", "todo",
            "MAX_BODY_BYTES", "100"));
    assertThat(ApiConfig.fromEnv(env))
        .isEqualTo(
            new ApiConfig(
                0, "jdbc:postgresql://db/todos", "todo", "secret", 3, false, "todo", 100));
  }

  @Test
  void missingVariablesAreAllNamedAtOnce() {
    assertThatThrownBy(() -> ApiConfig.fromEnv(Map.of("DB_URL", " ")))
        .hasMessageContaining("DB_URL, DB_USER, DB_PASSWORD");
  }

  @Test
  void anEmptyPasswordIsAllowed() {
    assertThat(
            ApiConfig.fromEnv(Map.of("DB_URL", "jdbc:x", "DB_USER", "u", "DB_PASSWORD", ""))
                .dbPassword())
        .isEmpty();
  }

  @Test
  void malformedNumbersAndFlagsAreNamed() {
    Map<String, String> env = new java.util.HashMap<>(REQUIRED);
    env.putAll(
        Map.of(
            "PORT", "http",
            "DB_MIGRATE_ON_START", "maybe",
            "MAX_BODY_BYTES", "0",
            "DB_POOL_SIZE", "1"));
    assertThatThrownBy(() -> ApiConfig.fromEnv(env))
        .hasMessageContaining("PORT must be an integer")
        .hasMessageContaining("DB_POOL_SIZE must be an integer from 2 to 1000")
        .hasMessageContaining("DB_MIGRATE_ON_START must be true or false")
        .hasMessageContaining("MAX_BODY_BYTES must be an integer");
  }

  @Test
  void thePasswordNeverAppearsInTheDescription() {
    assertThat(ApiConfig.fromEnv(REQUIRED).toString()).doesNotContain("secret");
  }
}

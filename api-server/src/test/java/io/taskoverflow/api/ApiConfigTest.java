package io.taskoverflow.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskoverflow.api.auth.ApiTokens;
import io.taskoverflow.api.web.AllowedHosts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiConfigTest {

  private static final String TOKEN = "tok-0123456789abcdef";
  private static final String OTHER_TOKEN = "tok-fedcba9876543210";

  private static final Map<String, String> REQUIRED =
      Map.of("DB_URL", "jdbc:postgresql://db/todos", "DB_USER", "todo", "DB_PASSWORD", "secret");

  @Test
  void defaultsApplyWhenOnlyTheDatabaseIsConfigured() {
    ApiConfig config = ApiConfig.fromEnv(REQUIRED);
    assertThat(config.port()).isEqualTo(6400);
    assertThat(config.bindAddress()).isEqualTo("0.0.0.0");
    assertThat(config.dbPoolSize()).isEqualTo(10);
    assertThat(config.migrateOnStart()).isTrue();
    assertThat(config.namespace()).isNull();
    assertThat(config.maxBodyBytes()).isEqualTo(65536);
    assertThat(config.dbConnectionTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.maxExportsInFlight()).isEqualTo(1000);
    assertThat(config.maxFeeds()).isEqualTo(100);
    assertThat(config.trustForwardedHeaders()).isFalse();
    assertThat(config.apiTokens().enabled()).isFalse();
    assertThat(config.dbStatementTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.kubernetesTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.allowedHosts()).isEqualTo(AllowedHosts.DEFAULT);
    assertThat(config.allowedHosts().allows("localhost:6400")).isTrue();
    assertThat(config.allowedHosts().allows("[::1]:6400")).isTrue();
    assertThat(config.allowedHosts().allows("evil.example:6400")).isFalse();
  }

  @Test
  void everyVariableIsRead() {
    Map<String, String> env = new HashMap<>(REQUIRED);
    env.putAll(
        Map.of(
            "PORT", "0",
            "DB_POOL_SIZE", "3",
            "DB_CONNECTION_TIMEOUT_MS", "500",
            "DB_MIGRATE_ON_START", "false",
            "NAMESPACE", "todo",
            "MAX_BODY_BYTES", "100",
            "MAX_EXPORTS_IN_FLIGHT", "7",
            "TRUST_FORWARDED_HEADERS", "true",
            "API_TOKENS", TOKEN));
    env.put("BIND_ADDRESS", "127.0.0.1");
    env.put("MAX_FEEDS", "9");
    env.put("DB_STATEMENT_TIMEOUT_MS", "2500");
    env.put("KUBERNETES_TIMEOUT_MS", "700");
    env.put("ALLOWED_HOSTS", "todo.example.com, Localhost.");
    ApiConfig config = ApiConfig.fromEnv(env);
    assertThat(config)
        .isEqualTo(
            new ApiConfig(
                0,
                "127.0.0.1",
                "jdbc:postgresql://db/todos",
                "todo",
                "secret",
                3,
                Duration.ofMillis(500),
                Duration.ofMillis(2500),
                false,
                "todo",
                100,
                7,
                9,
                true,
                config.apiTokens(),
                Duration.ofMillis(700),
                AllowedHosts.parse("localhost,todo.example.com")));
    assertThat(config.apiTokens().accepts(TOKEN)).isTrue();
  }

  @Test
  void tokensComeFromTheVariableAndTheFileTogether(@TempDir Path directory) throws IOException {
    Path file = directory.resolve("tokens");
    Files.writeString(file, "# rotated 2026-04\n" + OTHER_TOKEN + "\n\n");
    Map<String, String> env = new HashMap<>(REQUIRED);
    env.put("API_TOKENS", TOKEN);
    env.put("API_TOKENS_FILE", file.toString());

    ApiTokens tokens = ApiConfig.fromEnv(env).apiTokens();

    assertThat(tokens.count()).isEqualTo(2);
    assertThat(tokens.accepts(TOKEN)).isTrue();
    assertThat(tokens.accepts(OTHER_TOKEN)).isTrue();
    assertThat(tokens.accepts("# rotated 2026-04")).isFalse();
  }

  @Test
  void tokenSettingsThatWouldLeaveTheApiOpenOrGuessableFailTheStart(@TempDir Path directory)
      throws IOException {
    Path empty = Files.writeString(directory.resolve("empty"), "\n# nothing yet\n");
    Map<String, String> env = new HashMap<>(REQUIRED);
    env.put("API_TOKENS_FILE", empty.toString());
    assertThatThrownBy(() -> ApiConfig.fromEnv(env)).hasMessageContaining("hold no token");

    env.put("API_TOKENS_FILE", directory.resolve("missing").toString());
    assertThatThrownBy(() -> ApiConfig.fromEnv(env))
        .hasMessageContaining("API_TOKENS_FILE " + directory.resolve("missing"));

    env.remove("API_TOKENS_FILE");
    env.put("API_TOKENS", "short");
    assertThatThrownBy(() -> ApiConfig.fromEnv(env))
        .hasMessageContaining("shorter than 16 characters");
  }

  @Test
  void theTokensNeverAppearInTheDescription() {
    Map<String, String> env = new HashMap<>(REQUIRED);
    env.put("API_TOKENS", TOKEN);
    assertThat(ApiConfig.fromEnv(env).toString()).doesNotContain(TOKEN).contains("1 API token");
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
    Map<String, String> env = new HashMap<>(REQUIRED);
    env.putAll(
        Map.of(
            "PORT", "http",
            "DB_MIGRATE_ON_START", "maybe",
            "MAX_BODY_BYTES", "0",
            "DB_POOL_SIZE", "1",
            "DB_CONNECTION_TIMEOUT_MS", "10",
            "MAX_EXPORTS_IN_FLIGHT", "0",
            "TRUST_FORWARDED_HEADERS", "yes",
            "DB_STATEMENT_TIMEOUT_MS", "0",
            "KUBERNETES_TIMEOUT_MS", "1",
            "ALLOWED_HOSTS", "localhost:6400"));
    assertThatThrownBy(() -> ApiConfig.fromEnv(env))
        .hasMessageContaining("PORT must be an integer")
        .hasMessageContaining("DB_POOL_SIZE must be an integer from 2 to 1000")
        .hasMessageContaining("DB_MIGRATE_ON_START must be true or false")
        .hasMessageContaining("MAX_BODY_BYTES must be an integer")
        .hasMessageContaining("DB_CONNECTION_TIMEOUT_MS must be an integer from 250 to 60000")
        .hasMessageContaining("MAX_EXPORTS_IN_FLIGHT must be an integer from 1")
        .hasMessageContaining("TRUST_FORWARDED_HEADERS must be true or false")
        .hasMessageContaining("DB_STATEMENT_TIMEOUT_MS must be an integer from 250 to 600000")
        .hasMessageContaining("KUBERNETES_TIMEOUT_MS must be an integer from 250 to 60000")
        .hasMessageContaining("ALLOWED_HOSTS holds 'localhost:6400', which is not a host name");
  }

  @Test
  void thePasswordNeverAppearsInTheDescription() {
    assertThat(ApiConfig.fromEnv(REQUIRED).toString()).doesNotContain("secret");
  }
}

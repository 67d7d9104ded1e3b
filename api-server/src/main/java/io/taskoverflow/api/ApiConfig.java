package io.taskoverflow.api;

import io.taskoverflow.api.auth.ApiTokens;
import io.taskoverflow.api.web.AllowedHosts;
import io.taskoverflow.config.EnvReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The api-server's settings, read from the environment.
 *
 * @param port HTTP port; 0 picks a free one
 * @param bindAddress the address it listens on: every interface in a pod, loopback in the sandbox
 * @param dbConnectionTimeout how long a request waits for a database connection before it answers
 *     503
 * @param dbStatementTimeout the longest one database statement may take; PostgreSQL cancels it
 *     then, and a database that does not answer at all is given up a second later
 * @param namespace where exports are created and read; {@code null} means the client's namespace
 * @param maxExportsInFlight the export queue's capacity: how many exports may be pending (queued
 *     for a generator slot) or running at once; more answer 429
 * @param maxFeeds how many CalendarFeeds the namespace may hold; a request for a new one past it
 *     answers 503 (existing feeds are served as before)
 * @param trustForwardedHeaders whether X-Forwarded-Host/-Proto come from a proxy in front (the
 *     chart's Ingress) rather than from anyone
 * @param apiTokens the bearer tokens the API requires; none means the API is open
 * @param kubernetesTimeout how long a request waits for the Kubernetes API (connect, then answer)
 *     before it answers 503
 * @param allowedHosts the host names requests may be addressed to (the Host header, without the
 *     port); {@code *} allows any. Refusing others defeats DNS rebinding.
 */
public record ApiConfig(
    int port,
    String bindAddress,
    String dbUrl,
    String dbUser,
    String dbPassword,
    int dbPoolSize,
    Duration dbConnectionTimeout,
    Duration dbStatementTimeout,
    boolean migrateOnStart,
    String namespace,
    long maxBodyBytes,
    int maxExportsInFlight,
    int maxFeeds,
    boolean trustForwardedHeaders,
    ApiTokens apiTokens,
    Duration kubernetesTimeout,
    AllowedHosts allowedHosts) {

  public static final int DEFAULT_PORT = 6400;
  public static final String DEFAULT_BIND_ADDRESS = "0.0.0.0";
  public static final int DEFAULT_POOL_SIZE = 10;

  /** Migrating at start-up takes two connections at once (Flyway's lock and its work). */
  public static final int MIN_POOL_SIZE = 2;

  public static final long DEFAULT_MAX_BODY_BYTES = 65536;
  public static final int DEFAULT_DB_CONNECTION_TIMEOUT_MS = 1000;

  /**
   * Feeds are made by anyone who can fetch feed.ics, one per set of options: far more than one
   * installation's calendar subscriptions, far fewer than a flood of made-up names.
   */
  public static final int DEFAULT_MAX_FEEDS = 100;

  /**
   * The queue's capacity: the operator runs a few generators at once and queues the rest (suspended
   * Jobs, a few KB each in etcd), so a burst is accepted and served in order rather than refused.
   */
  public static final int DEFAULT_MAX_EXPORTS_IN_FLIGHT = 1000;

  public static final int DEFAULT_DB_STATEMENT_TIMEOUT_MS = 5000;

  /** Fast enough to fail a request quickly, slow enough for an API server under a burst of load. */
  public static final int DEFAULT_KUBERNETES_TIMEOUT_MS = 2000;

  /** Reads every variable, then fails once naming all that are missing or malformed. */
  public static ApiConfig fromEnv(Map<String, String> env) {
    EnvReader reader = new EnvReader("api-server", env);
    ApiConfig config =
        new ApiConfig(
            reader.integer("PORT", DEFAULT_PORT, 0, 65535),
            reader.text("BIND_ADDRESS", DEFAULT_BIND_ADDRESS),
            reader.required("DB_URL"),
            reader.required("DB_USER"),
            reader.requiredMayBeEmpty("DB_PASSWORD"),
            reader.integer("DB_POOL_SIZE", DEFAULT_POOL_SIZE, MIN_POOL_SIZE, 1000),
            Duration.ofMillis(
                reader.integer(
                    "DB_CONNECTION_TIMEOUT_MS", DEFAULT_DB_CONNECTION_TIMEOUT_MS, 250, 60_000)),
            Duration.ofMillis(
                reader.integer(
                    "DB_STATEMENT_TIMEOUT_MS", DEFAULT_DB_STATEMENT_TIMEOUT_MS, 250, 600_000)),
            reader.bool("DB_MIGRATE_ON_START", true),
            reader.optional("NAMESPACE"),
            reader.integer("MAX_BODY_BYTES", (int) DEFAULT_MAX_BODY_BYTES, 1, Integer.MAX_VALUE),
            reader.integer("MAX_EXPORTS_IN_FLIGHT", DEFAULT_MAX_EXPORTS_IN_FLIGHT, 1, 100_000),
            reader.integer("MAX_FEEDS", DEFAULT_MAX_FEEDS, 1, 100_000),
            reader.bool("TRUST_FORWARDED_HEADERS", false),
            apiTokens(reader),
            Duration.ofMillis(
                reader.integer(
                    "KUBERNETES_TIMEOUT_MS", DEFAULT_KUBERNETES_TIMEOUT_MS, 250, 60_000)),
            allowedHosts(reader));
    reader.failOnProblems();
    return config;
  }

  /**
   * API_TOKENS (the tokens themselves) and API_TOKENS_FILE (a file of them, e.g. a mounted Secret)
   * together; either one switches authentication on, and then it must yield at least one token,
   * each of at least {@link ApiTokens#MIN_LENGTH} characters, so that a typo cannot leave the API
   * open or guessable.
   */
  private static ApiTokens apiTokens(EnvReader reader) {
    String inline = reader.optional("API_TOKENS");
    String file = reader.optional("API_TOKENS_FILE");
    if (inline == null && file == null) {
      return ApiTokens.none();
    }
    StringBuilder text = new StringBuilder(inline == null ? "" : inline);
    if (file != null) {
      try {
        text.append('\n').append(Files.readString(Path.of(file), StandardCharsets.UTF_8));
      } catch (IOException | RuntimeException e) {
        reader.problem("API_TOKENS_FILE " + file + " cannot be read (" + e + ")");
        return ApiTokens.none();
      }
    }
    List<String> tokens = ApiTokens.split(text.toString());
    List<String> problems = new ArrayList<>();
    if (tokens.isEmpty()) {
      problems.add("API_TOKENS/API_TOKENS_FILE are set but hold no token");
    }
    long tooShort = tokens.stream().filter(t -> t.length() < ApiTokens.MIN_LENGTH).count();
    if (tooShort > 0) {
      problems.add(tooShort + " API token(s) shorter than " + ApiTokens.MIN_LENGTH + " characters");
    }
    problems.forEach(reader::problem);
    return problems.isEmpty() ? ApiTokens.parse(text.toString()) : ApiTokens.none();
  }

  private static AllowedHosts allowedHosts(EnvReader reader) {
    String names = reader.optional("ALLOWED_HOSTS");
    if (names == null) {
      return AllowedHosts.DEFAULT;
    }
    try {
      return AllowedHosts.parse(names);
    } catch (IllegalArgumentException e) {
      reader.problem("ALLOWED_HOSTS " + e.getMessage());
      return AllowedHosts.DEFAULT;
    }
  }

  /** The same settings with another pool size; the migrate command needs only a few. */
  public ApiConfig withPoolSize(int poolSize) {
    return new ApiConfig(
        port,
        bindAddress,
        dbUrl,
        dbUser,
        dbPassword,
        poolSize,
        dbConnectionTimeout,
        dbStatementTimeout,
        migrateOnStart,
        namespace,
        maxBodyBytes,
        maxExportsInFlight,
        maxFeeds,
        trustForwardedHeaders,
        apiTokens,
        kubernetesTimeout,
        allowedHosts);
  }

  @Override
  public String toString() {
    return "ApiConfig[port="
        + port
        + ", dbUrl="
        + dbUrl
        + ", dbUser="
        + dbUser
        + ", dbPassword=***, dbPoolSize="
        + dbPoolSize
        + ", dbConnectionTimeout="
        + dbConnectionTimeout
        + ", dbStatementTimeout="
        + dbStatementTimeout
        + ", migrateOnStart="
        + migrateOnStart
        + ", namespace="
        + namespace
        + ", maxBodyBytes="
        + maxBodyBytes
        + ", maxExportsInFlight="
        + maxExportsInFlight
        + ", maxFeeds="
        + maxFeeds
        + ", trustForwardedHeaders="
        + trustForwardedHeaders
        + ", apiTokens="
        + apiTokens
        + ", kubernetesTimeout="
        + kubernetesTimeout
        + ", allowedHosts="
        + allowedHosts
        + "]";
  }
}

package io.taskoverflow.api;

import io.taskoverflow.model.config.EnvReader;
import java.util.Map;

/**
 * The api-server's settings, read from the environment.
 *
 * @param port HTTP port; 0 picks a free one
 * @param namespace where exports are created and read; {@code null} means the client's namespace
 */
public record ApiConfig(
    int port,
    String dbUrl,
    String dbUser,
    String dbPassword,
    int dbPoolSize,
    boolean migrateOnStart,
    String namespace,
    long maxBodyBytes) {

  public static final int DEFAULT_PORT = 6400;
  public static final int DEFAULT_POOL_SIZE = 10;

  /** Migrating at start-up takes two connections at once (Flyway's lock and its work). */
  public static final int MIN_POOL_SIZE = 2;

  public static final long DEFAULT_MAX_BODY_BYTES = 65536;

  /** Reads every variable, then fails once naming all that are missing or malformed. */
  public static ApiConfig fromEnv(Map<String, String> env) {
    EnvReader reader = new EnvReader("api-server", env);
    ApiConfig config =
        new ApiConfig(
            reader.integer("PORT", DEFAULT_PORT, 0, 65535),
            reader.required("DB_URL"),
            reader.required("DB_USER"),
            reader.requiredMayBeEmpty("DB_PASSWORD"),
            reader.integer("DB_POOL_SIZE", DEFAULT_POOL_SIZE, MIN_POOL_SIZE, 1000),
            reader.bool("DB_MIGRATE_ON_START", true),
            reader.optional("NAMESPACE"),
            reader.integer("MAX_BODY_BYTES", (int) DEFAULT_MAX_BODY_BYTES, 1, Integer.MAX_VALUE));
    reader.failOnProblems();
    return config;
  }

  /** The same settings on another port; tests and the sandbox use port 0. */
  public ApiConfig withPort(int otherPort) {
    return new ApiConfig(
        otherPort, dbUrl, dbUser, dbPassword, dbPoolSize, migrateOnStart, namespace, maxBodyBytes);
  }

  /** The same settings with another pool size; the migrate command needs only a few. */
  public ApiConfig withPoolSize(int poolSize) {
    return new ApiConfig(
        port, dbUrl, dbUser, dbPassword, poolSize, migrateOnStart, namespace, maxBodyBytes);
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
        + ", migrateOnStart="
        + migrateOnStart
        + ", namespace="
        + namespace
        + ", maxBodyBytes="
        + maxBodyBytes
        + "]";
  }
}

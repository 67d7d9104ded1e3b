package io.taskoverflow.api;

import com.zaxxer.hikari.HikariDataSource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javalin.Javalin;
import io.taskoverflow.api.db.DatabaseGate;
import io.taskoverflow.api.export.CalendarResultRepository;
import io.taskoverflow.api.export.ExportProgressRepository;
import io.taskoverflow.api.export.ExportStore;
import io.taskoverflow.api.export.TaskIds;
import io.taskoverflow.api.feed.FeedStore;
import io.taskoverflow.api.health.Circuit;
import io.taskoverflow.api.health.Readiness;
import io.taskoverflow.api.kubernetes.KubernetesGate;
import io.taskoverflow.api.todo.TodoRepository;
import io.taskoverflow.schema.DatabaseSchema;
import io.taskoverflow.schema.PooledDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running api-server: connection pool, Kubernetes gate, export informer and HTTP server. {@link
 * #start} is the entry point {@code ApiMain} and the sandbox share.
 */
public final class ApiApplication implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ApiApplication.class);

  /** How often one request may test a database or a Kubernetes API that was found down. */
  private static final Duration CIRCUIT_RETRY = Duration.ofSeconds(1);

  private final HikariDataSource dataSource;
  private final DatabaseGate database;
  private final KubernetesGate kubernetes;
  private final ExportStore exports;
  private final FeedStore feeds;
  private final Javalin http;

  private ApiApplication(
      HikariDataSource dataSource,
      DatabaseGate database,
      KubernetesGate kubernetes,
      ExportStore exports,
      FeedStore feeds,
      Javalin http) {
    this.dataSource = dataSource;
    this.database = database;
    this.kubernetes = kubernetes;
    this.exports = exports;
    this.feeds = feeds;
    this.http = http;
  }

  /** Starts everything on the given client (which the caller keeps owning and closes). */
  public static ApiApplication start(ApiConfig config, KubernetesClient client) {
    if (config.migrateOnStart()) {
      migrate(config);
    }
    HikariDataSource dataSource = openPool(config, config.dbStatementTimeout());
    Circuit databaseCircuit = new Circuit("The database", CIRCUIT_RETRY, () -> ping(dataSource));
    DatabaseGate database =
        new DatabaseGate(config.dbPoolSize(), config.dbConnectionTimeout(), databaseCircuit);
    KubernetesGate kubernetes =
        KubernetesGate.open(client, config.kubernetesTimeout(), CIRCUIT_RETRY);
    ExportStore exports = null;
    FeedStore feeds = null;
    try {
      String namespace = namespace(config, client);
      Clock clock = Clock.systemDefaultZone();
      exports =
          new ExportStore(
              client, kubernetes, namespace, new TaskIds(), clock, config.maxExportsInFlight());
      exports.start();
      feeds = new FeedStore(client, kubernetes, namespace, clock, config.maxFeeds());
      feeds.start();
      Javalin http =
          ApiServer.create(
              new ApiDependencies(
                  new TodoRepository(dataSource, clock),
                  exports,
                  feeds,
                  new CalendarResultRepository(dataSource),
                  new ExportProgressRepository(dataSource, databaseCircuit),
                  database,
                  new Readiness(databaseCircuit, kubernetes.circuit()),
                  clock.getZone(),
                  config.maxBodyBytes(),
                  config.trustForwardedHeaders(),
                  config.apiTokens(),
                  config.allowedHosts()));
      http.start(config.bindAddress(), config.port());
      LOG.info(
          "api-server listening on {}:{}, exports in namespace {}, {}",
          config.bindAddress(),
          http.port(),
          namespace,
          config.apiTokens().enabled()
              ? "API authentication on (" + config.apiTokens() + ")"
              : "API authentication off");
      return new ApiApplication(dataSource, database, kubernetes, exports, feeds, http);
    } catch (RuntimeException e) {
      if (feeds != null) {
        feeds.close();
      }
      if (exports != null) {
        exports.close();
      }
      kubernetes.close();
      database.close();
      dataSource.close();
      throw e;
    }
  }

  /**
   * Applies pending migrations and answers how many; safe while other replicas do the same. On a
   * pool of its own without the statement timeout: a migration may rightly take long.
   */
  static int migrate(ApiConfig config) {
    // Flyway holds one connection for its lock while it migrates on another.
    try (HikariDataSource dataSource =
        openPool(config.withPoolSize(ApiConfig.MIN_POOL_SIZE), Duration.ZERO)) {
      return DatabaseSchema.migrate(dataSource).migrationsExecuted;
    }
  }

  private static HikariDataSource openPool(ApiConfig config, Duration statementTimeout) {
    return PooledDataSource.create(
        "api-server",
        config.dbUrl(),
        config.dbUser(),
        config.dbPassword(),
        config.dbPoolSize(),
        config.dbConnectionTimeout(),
        statementTimeout);
  }

  /** The database circuit's check: a connection that answers within a second. */
  private static void ping(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      if (!connection.isValid(1)) {
        throw new SQLException("the connection did not answer");
      }
    }
  }

  private static String namespace(ApiConfig config, KubernetesClient client) {
    if (config.namespace() != null) {
      return config.namespace();
    }
    return client.getNamespace() == null ? "default" : client.getNamespace();
  }

  /** The port actually bound; differs from the configured one when that was 0. */
  public int port() {
    return http.port();
  }

  public void stop() {
    http.stop();
    database.close();
    feeds.close();
    exports.close();
    kubernetes.close();
    dataSource.close();
  }

  @Override
  public void close() {
    stop();
  }
}

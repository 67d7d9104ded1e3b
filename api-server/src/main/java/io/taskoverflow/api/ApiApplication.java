package io.taskoverflow.api;

import com.zaxxer.hikari.HikariDataSource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javalin.Javalin;
import io.taskoverflow.api.db.ConnectionPool;
import io.taskoverflow.api.db.DatabaseCircuit;
import io.taskoverflow.api.db.DatabaseGate;
import io.taskoverflow.api.db.Readiness;
import io.taskoverflow.api.export.CalendarResultRepository;
import io.taskoverflow.api.export.ExportProgressRepository;
import io.taskoverflow.api.export.ExportStore;
import io.taskoverflow.api.export.TaskIds;
import io.taskoverflow.api.feed.FeedStore;
import io.taskoverflow.api.todo.TodoRepository;
import io.taskoverflow.schema.DatabaseSchema;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running api-server: connection pool, export informer and HTTP server. {@link #start} is the
 * entry point {@code ApiMain} and the sandbox share.
 */
public final class ApiApplication implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ApiApplication.class);

  /** How often one request may test a database that was found down. */
  private static final Duration CIRCUIT_RETRY = Duration.ofSeconds(1);

  private final HikariDataSource dataSource;
  private final DatabaseGate database;
  private final ExportStore exports;
  private final FeedStore feeds;
  private final Javalin http;

  private ApiApplication(
      HikariDataSource dataSource,
      DatabaseGate database,
      ExportStore exports,
      FeedStore feeds,
      Javalin http) {
    this.dataSource = dataSource;
    this.database = database;
    this.exports = exports;
    this.feeds = feeds;
    this.http = http;
  }

  /** Starts everything on the given client (which the caller keeps owning and closes). */
  public static ApiApplication start(ApiConfig config, KubernetesClient client) {
    HikariDataSource dataSource = openPool(config);
    DatabaseCircuit circuit = new DatabaseCircuit(CIRCUIT_RETRY);
    DatabaseGate database =
        new DatabaseGate(config.dbPoolSize(), config.dbConnectionTimeout(), circuit);
    ExportStore exports = null;
    FeedStore feeds = null;
    try {
      if (config.migrateOnStart()) {
        DatabaseSchema.migrate(dataSource);
      }
      String namespace = namespace(config, client);
      Clock clock = Clock.systemDefaultZone();
      exports =
          new ExportStore(client, namespace, new TaskIds(), clock, config.maxExportsInFlight());
      exports.start();
      feeds = new FeedStore(client, namespace, clock);
      feeds.start();
      Javalin http =
          ApiServer.create(
              new ApiDependencies(
                  new TodoRepository(dataSource, clock),
                  exports,
                  feeds,
                  new CalendarResultRepository(dataSource),
                  new ExportProgressRepository(dataSource, circuit),
                  database,
                  new Readiness(dataSource, circuit),
                  clock.getZone(),
                  config.maxBodyBytes(),
                  config.trustForwardedHeaders(),
                  config.apiTokens()));
      http.start(config.bindAddress(), config.port());
      LOG.info(
          "api-server listening on {}:{}, exports in namespace {}, {}",
          config.bindAddress(),
          http.port(),
          namespace,
          config.apiTokens().enabled()
              ? "API authentication on (" + config.apiTokens() + ")"
              : "API authentication off");
      return new ApiApplication(dataSource, database, exports, feeds, http);
    } catch (RuntimeException e) {
      if (feeds != null) {
        feeds.close();
      }
      if (exports != null) {
        exports.close();
      }
      database.close();
      dataSource.close();
      throw e;
    }
  }

  static HikariDataSource openPool(ApiConfig config) {
    return ConnectionPool.open(
        "api-server",
        config.dbUrl(),
        config.dbUser(),
        config.dbPassword(),
        config.dbPoolSize(),
        config.dbConnectionTimeout());
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
    dataSource.close();
  }

  @Override
  public void close() {
    stop();
  }
}

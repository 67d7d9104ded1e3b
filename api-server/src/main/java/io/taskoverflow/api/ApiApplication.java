package io.taskoverflow.api;

import com.zaxxer.hikari.HikariDataSource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javalin.Javalin;
import io.taskoverflow.api.export.CalendarResultRepository;
import io.taskoverflow.api.export.ExportStore;
import io.taskoverflow.api.export.TaskIds;
import io.taskoverflow.api.todo.TodoRepository;
import io.taskoverflow.schema.DatabaseSchema;
import io.taskoverflow.schema.PooledDataSource;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running api-server: connection pool, export informer and HTTP server. {@link #start} is the
 * entry point {@code ApiMain} and the sandbox share.
 */
public final class ApiApplication implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ApiApplication.class);

  private final HikariDataSource dataSource;
  private final ExportStore exports;
  private final Javalin http;

  private ApiApplication(HikariDataSource dataSource, ExportStore exports, Javalin http) {
    this.dataSource = dataSource;
    this.exports = exports;
    this.http = http;
  }

  /** Starts everything on the given client (which the caller keeps owning and closes). */
  public static ApiApplication start(ApiConfig config, KubernetesClient client) {
    HikariDataSource dataSource = openPool(config);
    ExportStore exports = null;
    try {
      if (config.migrateOnStart()) {
        DatabaseSchema.migrate(dataSource);
      }
      String namespace = namespace(config, client);
      Clock clock = Clock.systemDefaultZone();
      exports = new ExportStore(client, namespace, new TaskIds(), clock);
      exports.start();
      Javalin http =
          ApiServer.create(
              new ApiDependencies(
                  new TodoRepository(dataSource, clock),
                  exports,
                  new CalendarResultRepository(dataSource),
                  clock.getZone(),
                  config.maxBodyBytes()));
      http.start(config.port());
      LOG.info("api-server listening on port {}, exports in namespace {}", http.port(), namespace);
      return new ApiApplication(dataSource, exports, http);
    } catch (RuntimeException e) {
      if (exports != null) {
        exports.close();
      }
      dataSource.close();
      throw e;
    }
  }

  static HikariDataSource openPool(ApiConfig config) {
    return PooledDataSource.create(
        "api-server", config.dbUrl(), config.dbUser(), config.dbPassword(), config.dbPoolSize());
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
    exports.close();
    dataSource.close();
  }

  @Override
  public void close() {
    stop();
  }
}

package io.taskoverflow.api.db;

import io.taskoverflow.schema.DatabaseSchema;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;

/**
 * An embedded PostgreSQL of its own (not the shared {@code TestDatabase}) that a test can stop and
 * start again on the same port and data directory, as an outage and a recovery would.
 */
final class RestartablePostgres implements AutoCloseable {

  private final Path dataDirectory;
  private final int port;
  private EmbeddedPostgres running;

  private RestartablePostgres(Path dataDirectory, int port) {
    this.dataDirectory = dataDirectory;
    this.port = port;
  }

  /** Initialises, starts and migrates a database in the (empty) directory. */
  static RestartablePostgres start(Path dataDirectory) {
    RestartablePostgres postgres = new RestartablePostgres(dataDirectory, freePort());
    postgres.startAgain();
    DatabaseSchema.migrate(postgres.running.getPostgresDatabase());
    return postgres;
  }

  String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
  }

  boolean isRunning() {
    return running != null;
  }

  /** Stops the server (fast shutdown: sessions end, the port closes); the data stays. */
  synchronized void stop() {
    if (running != null) {
      try {
        running.close();
      } catch (IOException e) {
        throw new UncheckedIOException("PostgreSQL did not stop", e);
      } finally {
        running = null;
      }
    }
  }

  synchronized void startAgain() {
    if (running == null) {
      try {
        running =
            EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
      } catch (IOException e) {
        throw new UncheckedIOException("PostgreSQL did not start", e);
      }
    }
  }

  @Override
  public void close() {
    stop();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

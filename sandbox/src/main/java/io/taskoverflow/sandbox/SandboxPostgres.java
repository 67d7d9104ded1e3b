package io.taskoverflow.sandbox;

import io.taskoverflow.schema.DatabaseSchema;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Real PostgreSQL from embedded binaries, with its data in the sandbox's work directory. It can be
 * stopped and started again on the same port and data, to let tests take the database away.
 */
final class SandboxPostgres implements AutoCloseable {

  static final String DATABASE = "postgres";
  static final String USER = "postgres";

  /** Local connections use trust authentication; the Secret still carries a password. */
  static final String PASSWORD = "sandbox";

  private final Path dataDirectory;
  private final int port;
  private EmbeddedPostgres postgres;

  private SandboxPostgres(Path dataDirectory, int port) {
    this.dataDirectory = dataDirectory;
    this.port = port;
  }

  /** A fresh, migrated database in {@code dataDirectory} (emptied first); port 0 picks one. */
  static SandboxPostgres startFresh(Path dataDirectory, int port) {
    deleteRecursively(dataDirectory);
    SandboxPostgres database = new SandboxPostgres(dataDirectory, port == 0 ? freePort() : port);
    database.start();
    DatabaseSchema.migrate(database.postgres.getPostgresDatabase());
    return database;
  }

  synchronized void start() {
    if (postgres != null) {
      return;
    }
    try {
      postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(false)
              .setRegisterShutdownHook(false)
              .setPort(port)
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not start", e);
    }
  }

  synchronized void stop() {
    if (postgres == null) {
      return;
    }
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not stop", e);
    } finally {
      postgres = null;
    }
  }

  String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
  }

  int port() {
    return port;
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

  private static void deleteRecursively(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("could not empty " + directory, e);
    }
  }
}

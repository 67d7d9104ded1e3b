package io.taskoverflow.schema;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An embedded PostgreSQL of its own (not the shared {@code TestDatabase}) that a test can stop and
 * start again on the same port and data directory, as an outage and a recovery would, or freeze
 * (SIGSTOP to every one of its processes: a hung server, or a network partition) and thaw.
 */
public final class RestartablePostgres implements AutoCloseable {

  private final Path dataDirectory;
  private final int port;
  private EmbeddedPostgres running;
  private final List<Long> frozen = new ArrayList<>();

  private RestartablePostgres(Path dataDirectory, int port) {
    this.dataDirectory = dataDirectory;
    this.port = port;
  }

  /** Initialises, starts and migrates a database in the (empty) directory. */
  public static RestartablePostgres start(Path dataDirectory) {
    RestartablePostgres postgres = new RestartablePostgres(dataDirectory, freePort());
    postgres.startAgain();
    DatabaseSchema.migrate(postgres.running.getPostgresDatabase());
    return postgres;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
  }

  public boolean isRunning() {
    return running != null;
  }

  /** Stops the server (fast shutdown: sessions end, the port closes); the data stays. */
  public synchronized void stop() {
    thaw();
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

  public synchronized void startAgain() {
    thaw();
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

  /** SIGSTOP to the postmaster and every backend: connections open, nothing answers. */
  public synchronized void freeze() {
    if (frozen.isEmpty()) {
      // The postmaster first: once it is stopped it forks no backend that the list would miss.
      long postmaster = postmasterPid();
      signal("STOP", List.of(postmaster));
      frozen.add(postmaster);
      List<Long> children = new ArrayList<>();
      ProcessHandle.of(postmaster)
          .ifPresent(p -> p.descendants().forEach(child -> children.add(child.pid())));
      if (!children.isEmpty()) {
        signal("STOP", children);
        frozen.addAll(children);
      }
    }
  }

  /** SIGCONT to what {@link #freeze} stopped. */
  public synchronized void thaw() {
    if (!frozen.isEmpty()) {
      signal("CONT", frozen);
      frozen.clear();
    }
  }

  private long postmasterPid() {
    try {
      return Long.parseLong(
          Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).strip());
    } catch (IOException e) {
      throw new UncheckedIOException("PostgreSQL is not running", e);
    }
  }

  private static void signal(String signal, List<Long> pids) {
    List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
    pids.forEach(pid -> command.add(Long.toString(pid)));
    try {
      Process kill = new ProcessBuilder(command).inheritIO().start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
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

package io.taskoverflow.sandbox;

import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.feed.CalendarFeed;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * One sandbox for every end-to-end test of the JVM: a real node and a helm install are too costly
 * to make per test class, and one machine holds one node. It starts on first use, fresh, and stops
 * when the JVM ends. {@link #clean()} gives a test class an empty installation: no exports, feeds
 * or todos, the operator and PostgreSQL running, the api-server serving.
 */
public final class SharedSandbox {

  static final Path WORK_DIRECTORY = Path.of("target/e2e-sandbox");
  private static Sandbox sandbox;
  private static boolean startedBefore;

  private SharedSandbox() {}

  public static synchronized Sandbox get() {
    if (sandbox == null) {
      // Fresh the first time; after stop(), with the data it had, as sandbox/start does.
      Sandbox started =
          Sandbox.builder().workDirectory(WORK_DIRECTORY).fresh(!startedBefore).start();
      if (!startedBefore) {
        Runtime.getRuntime().addShutdownHook(new Thread(SharedSandbox::stop, "e2e-sandbox-stop"));
      }
      startedBefore = true;
      sandbox = started;
    }
    return sandbox;
  }

  /** Stops the sandbox (a test that needs the machine's one node for itself); get() restarts it. */
  static synchronized void stop() {
    if (sandbox != null) {
      sandbox.close();
      sandbox = null;
    }
  }

  /** The sandbox with what earlier test classes made taken away. */
  public static synchronized Sandbox clean() {
    Sandbox running = get();
    running.startPostgres();
    running.startOperator();
    var client = running.client();
    client.resources(CalendarFeed.class).inNamespace(Sandbox.NAMESPACE).delete();
    client.resources(CalendarExport.class).inNamespace(Sandbox.NAMESPACE).delete();
    client
        .resources(CalendarExport.class)
        .inNamespace(Sandbox.NAMESPACE)
        .informOnCondition(exports -> exports.isEmpty())
        .orTimeout(2, TimeUnit.MINUTES)
        .join();
    try (Connection connection = SandboxDatabase.connect(running)) {
      connection.createStatement().execute("DELETE FROM todos");
    } catch (SQLException e) {
      throw new IllegalStateException("could not empty the todos table", e);
    }
    // An earlier class may have taken the database away: the api-server is back in its Service
    // only after its readiness probe has seen the database again.
    running.awaitApi();
    return running;
  }
}

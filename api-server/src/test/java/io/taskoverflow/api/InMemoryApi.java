package io.taskoverflow.api;

import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import io.taskoverflow.api.auth.ApiTokens;
import io.taskoverflow.api.db.DatabaseGate;
import io.taskoverflow.api.export.InMemoryCalendarExports;
import io.taskoverflow.api.export.InMemoryCalendarResults;
import io.taskoverflow.api.export.InMemoryExportProgress;
import io.taskoverflow.api.feed.InMemoryCalendarFeeds;
import io.taskoverflow.api.health.Circuit;
import io.taskoverflow.api.health.Readiness;
import io.taskoverflow.api.todo.InMemoryTodoStore;
import io.taskoverflow.api.web.AllowedHosts;
import io.taskoverflow.calendars.StoredCalendar;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The api-server's HTTP application as {@link ApiApplication} builds it, but on in-memory fakes of
 * PostgreSQL and Kubernetes: for route tests that take milliseconds. The database gate, the
 * circuits and readiness are the real ones; {@link #stopDatabase} and {@link #stopKubernetes} make
 * the fakes fail as the real stores do in an outage.
 */
public final class InMemoryApi implements AutoCloseable, AfterEachCallback {

  /** The ITs' limits, so that both see the same messages. */
  public static final long MAX_BODY_BYTES = TestApi.MAX_BODY_BYTES;

  /** Small enough for a test to fill. */
  public static final int MAX_EXPORTS_IN_FLIGHT = 3;

  private static final Duration CIRCUIT_RETRY = Duration.ofSeconds(1);

  private final Clock clock = Clock.systemDefaultZone();
  private final ApiTokens tokens;
  private final InMemoryTodoStore todos = new InMemoryTodoStore(clock);
  private final InMemoryCalendarExports exports =
      new InMemoryCalendarExports(clock, MAX_EXPORTS_IN_FLIGHT);
  private final InMemoryCalendarFeeds feeds = new InMemoryCalendarFeeds(clock);
  private final InMemoryCalendarResults results = new InMemoryCalendarResults();
  private final InMemoryExportProgress progress = new InMemoryExportProgress();
  private volatile boolean databaseDown;
  private volatile boolean kubernetesDown;
  private final Circuit databaseCircuit =
      new Circuit("The database", CIRCUIT_RETRY, () -> answerUnless(databaseDown));
  private final Circuit kubernetesCircuit =
      new Circuit("The Kubernetes API", CIRCUIT_RETRY, () -> answerUnless(kubernetesDown));
  private final DatabaseGate database = new DatabaseGate(2, Duration.ofSeconds(5), databaseCircuit);

  /** With the API open, as without API_TOKENS. */
  public InMemoryApi() {
    this(ApiTokens.none());
  }

  public InMemoryApi(ApiTokens tokens) {
    this.tokens = tokens;
  }

  /** What a route test does with the running app. */
  @FunctionalInterface
  public interface RouteTest {
    void run(RouteClient client) throws Exception;
  }

  /** Runs the test against a fresh app on a free port, which is stopped afterwards. */
  public void test(RouteTest test) {
    JavalinTest.test(app(), (server, client) -> test.run(new RouteClient(client)));
  }

  /** A fresh, unstarted app on these fakes. */
  public Javalin app() {
    return ApiServer.create(
        new ApiDependencies(
            todos,
            exports,
            feeds,
            results,
            progress,
            database,
            new Readiness(databaseCircuit, kubernetesCircuit),
            clock.getZone(),
            MAX_BODY_BYTES,
            false,
            tokens,
            AllowedHosts.DEFAULT));
  }

  public InMemoryTodoStore todos() {
    return todos;
  }

  public InMemoryCalendarExports exports() {
    return exports;
  }

  public InMemoryCalendarFeeds feeds() {
    return feeds;
  }

  public InMemoryCalendarResults results() {
    return results;
  }

  public InMemoryExportProgress progress() {
    return progress;
  }

  /** Stores the calendar and marks the export SUCCESS, as generator and operator do. */
  public StoredCalendar succeed(String taskId, String calendar) {
    StoredCalendar stored = results.store(exports.uid(taskId), calendar);
    exports.succeed(taskId, stored);
    return stored;
  }

  /** PostgreSQL goes away: the stores fail to connect and the database check fails. */
  public void stopDatabase() {
    databaseDown = true;
    todos.becomeUnreachable();
    results.becomeUnreachable();
  }

  /** The Kubernetes API goes away: writes fail, the cache still answers, the check fails. */
  public void stopKubernetes() {
    kubernetesDown = true;
    exports.becomeUnreachable();
  }

  private static void answerUnless(boolean down) throws SQLTransientConnectionException {
    if (down) {
      throw new SQLTransientConnectionException("not answering");
    }
  }

  @Override
  public void close() {
    database.close();
  }

  /** As a test's {@code @RegisterExtension}: closed after each test. */
  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }
}

package io.taskoverflow.api.db;

import static io.taskoverflow.api.TestApi.assertUnavailable;
import static io.taskoverflow.api.TestApi.millisSince;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskoverflow.api.SharedKubernetes;
import io.taskoverflow.api.TestApi;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The api-server while its PostgreSQL hangs (every process frozen with SIGSTOP: connections stay
 * open, nothing answers) or is shut down. The first request is bounded by the statement timeout;
 * after it, requests fail at once for as long as the outage lasts, however they are spaced, since
 * no request probes the database: the circuit's own check does. The connection timeout is set high
 * (10 s) so that a request paying it cannot pass for a fast one: such a request outlasts the
 * client's 5 s. The figures it prints are measurements.
 */
@ExtendWith(SharedKubernetes.class)
class HungDatabaseIT {

  private static final String TODOS = "/api/v1/todos";
  private static final Duration FIRST_REQUEST = Duration.ofSeconds(30);
  private static final Duration LATER_REQUEST = Duration.ofSeconds(5);

  @RegisterExtension static final OwnPostgres postgres = new OwnPostgres();

  private static final TestApi api =
      postgres.api(
          Map.of(
              "DB_CONNECTION_TIMEOUT_MS", "10000",
              "DB_STATEMENT_TIMEOUT_MS", "1000"));

  @AfterEach
  void postgresIsBack() {
    postgres.get().startAgain();
    api.awaitReady(Duration.ofSeconds(60));
  }

  @Test
  void whilePostgresIsFrozenTheFirstRequestIsBoundedAndLaterOnesFailAtOnce() throws Exception {
    assertThat(api.get(TODOS).statusCode()).isEqualTo(200);
    postgres.get().freeze();

    long start = System.nanoTime();
    HttpResponse<String> first = get(TODOS, FIRST_REQUEST);
    long firstMillis = millisSince(start);
    System.out.printf(
        "PostgreSQL frozen: first GET /todos answered %d after %d ms%n",
        first.statusCode(), firstMillis);
    assertUnavailable(first, "database");
    List<Long> later = spacedRequests();

    postgres.get().thaw();
    long thawed = System.nanoTime();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> api.get(TODOS).statusCode() == 200);
    System.out.printf(
        "PostgreSQL frozen: later requests (1.2 s apart, /todos and /ready) answered 503 after %s"
            + " ms; after the thaw /todos answered 200 again after %d ms%n",
        later, millisSince(thawed));
  }

  @Test
  void whilePostgresIsShutDownRequestsSpacedBeyondTheRetryIntervalStillFailAtOnce()
      throws Exception {
    postgres.get().stop();

    long start = System.nanoTime();
    HttpResponse<String> first = get(TODOS, FIRST_REQUEST);
    long firstMillis = millisSince(start);
    assertUnavailable(first, "database");
    List<Long> later = spacedRequests();

    postgres.get().startAgain();
    long started = System.nanoTime();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> api.get(TODOS).statusCode() == 200);
    System.out.printf(
        "PostgreSQL shut down: first GET /todos answered 503 after %d ms; later ones (1.2 s"
            + " apart, /todos and /ready) after %s ms; after the restart /todos answered 200"
            + " again after %d ms%n",
        firstMillis, later, millisSince(started));
  }

  /** Spaced beyond the circuit's retry interval, as a client retrying after Retry-After is. */
  private static List<Long> spacedRequests() throws InterruptedException {
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Thread.sleep(1200); // pacing, not waiting for something
      for (String path : List.of(TODOS, "/api/v1/ready")) {
        long sent = System.nanoTime();
        HttpResponse<String> answer = get(path, LATER_REQUEST);
        millis.add(millisSince(sent));
        assertUnavailable(answer, "database");
      }
    }
    return millis;
  }

  private static HttpResponse<String> get(String path, Duration timeout) {
    return api.send(api.request(path).timeout(timeout).GET());
  }
}

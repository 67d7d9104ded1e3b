package io.taskoverflow.api.kubernetes;

import static io.taskoverflow.api.TestApi.assertUnavailable;
import static io.taskoverflow.api.TestApi.json;
import static io.taskoverflow.api.TestApi.millisSince;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskoverflow.api.ApiConfig;
import io.taskoverflow.api.TestApi;
import io.taskoverflow.api.TestKubernetes;
import io.taskoverflow.api.export.OperatorStandIn;
import io.taskoverflow.schema.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The api-server while its real kube-apiserver is frozen (SIGSTOP: what a partition looks like, the
 * port still accepts connections and nothing answers): the export routes answer 503 fast, /ready
 * says why, the log says so once, the todo routes and cached statuses keep answering, and after
 * SIGCONT everything catches up by itself. The figures it prints are measurements, not assertions.
 */
class KubernetesOutageIT {

  private static final String ICAL = "/api/v1/todos/ical";
  private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(15);

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path workDirectory;

  private static TestKubernetes kubernetes;
  private static TestApi api;
  private static OperatorStandIn operator;
  private static long frozenPid;

  @BeforeAll
  static void startApi() {
    TestDatabase.reset();
    kubernetes = TestKubernetes.start(workDirectory);
    api =
        TestApi.start(
            kubernetes,
            Map.of(
                "KUBERNETES_TIMEOUT_MS",
                Integer.toString(ApiConfig.DEFAULT_KUBERNETES_TIMEOUT_MS)));
    operator = new OperatorStandIn(kubernetes.admin(), TestApi.NAMESPACE);
  }

  @AfterAll
  static void stopApi() {
    if (api != null) {
      api.close();
    }
    if (kubernetes != null) {
      kubernetes.close();
    }
  }

  @AfterEach
  void theApiServerRunsAgain() {
    if (frozenPid != 0) {
      signal("CONT", frozenPid);
      frozenPid = 0;
    }
  }

  @Test
  void whileTheKubernetesApiIsFrozenExportRoutesAnswer503FastAndEverythingCatchesUpAfterwards() {
    // On a busy machine the first export may outlast the timeout (a 503): retried, as a client
    // would.
    String before =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> json(api.post(ICAL, "")).path("task_id").asText(null), task -> task != null);
    await().until(() -> api.get(ICAL + "/" + before + "/status").statusCode() == 200);
    Log log = Log.capture();
    HttpResponse<String> first;
    List<Long> later = new ArrayList<>();
    long firstMillis;
    try {
      frozenPid = kubernetes.apiServerPid();
      signal("STOP", frozenPid);

      long start = System.nanoTime();
      first = post(ICAL);
      firstMillis = millisSince(start);
      for (int i = 0; i < 20; i++) {
        long sent = System.nanoTime();
        assertUnavailable(post(ICAL), "kubernetes");
        later.add(millisSince(sent));
      }
      assertUnavailable(get(ICAL + "/export-nobody-has-seen/status"), "kubernetes");

      HttpResponse<String> ready = get("/api/v1/ready");
      assertThat(ready.statusCode()).as(ready.body()).isEqualTo(503);
      assertThat(json(ready).get("error").asText()).isEqualTo("kubernetes unavailable");
      assertThat(json(ready).get("kubernetes").asText()).isEqualTo("unavailable");
      assertThat(json(ready).get("database").asText()).isEqualTo("ok");
      // What needs only PostgreSQL, or what the informer has cached, keeps answering.
      assertThat(api.post("/api/v1/todos", "{\"title\":\"during the outage\"}").statusCode())
          .isEqualTo(201);
      assertThat(get("/api/v1/todos").statusCode()).isEqualTo(200);
      assertThat(get(ICAL + "/" + before + "/status").statusCode()).isEqualTo(200);
    } finally {
      log.stop();
    }
    System.out.printf(
        "kube-apiserver frozen: first POST /todos/ical answered %d after %d ms; the next 20 after"
            + " %s ms; %d log lines meanwhile%n",
        first.statusCode(), firstMillis, later, log.lines().size());
    assertUnavailable(first, "kubernetes");
    assertThat(log.lines())
        .as("one line per change of state, no stack traces")
        .filteredOn(line -> line.contains("The Kubernetes API is unavailable"))
        .hasSize(1);
    assertThat(log.lines()).noneMatch(line -> line.startsWith("\tat "));

    signal("CONT", frozenPid);
    frozenPid = 0;
    long resumed = System.nanoTime();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> post(ICAL).statusCode() == 202);
    long exportsMillis = millisSince(resumed);
    await().atMost(Duration.ofSeconds(60)).until(() -> get("/api/v1/ready").statusCode() == 200);
    long readyMillis = millisSince(resumed);
    // The informer catches up: a change the operator makes now reaches the status endpoint.
    operator.succeed(before, "BEGIN:VCALENDAR\r\n", "END:VCALENDAR\r\n");
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () ->
                json(get(ICAL + "/" + before + "/status"))
                    .get("task_status")
                    .asText()
                    .equals("SUCCESS"));
    long caughtUpMillis = millisSince(resumed);
    System.out.printf(
        "kube-apiserver resumed: exports accepted again after %d ms, /ready 200 after %d ms, the"
            + " informer caught up after %d ms%n",
        exportsMillis, readyMillis, caughtUpMillis);
  }

  private static HttpResponse<String> post(String path) {
    return api.send(
        api.request(path)
            .timeout(CLIENT_TIMEOUT)
            .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
  }

  private static HttpResponse<String> get(String path) {
    return api.send(api.request(path).timeout(CLIENT_TIMEOUT).GET());
  }

  static void signal(String signal, long pid) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start();
      assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0)
          .as("kill -%s %d", signal, pid)
          .isTrue();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** What the api-server logs (slf4j-simple writes to System.err) while captured, still shown. */
  private static final class Log {
    private final PrintStream original = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    static Log capture() {
      Log log = new Log();
      OutputStream tee =
          new OutputStream() {
            @Override
            public void write(int b) {
              synchronized (log.captured) {
                log.captured.write(b);
              }
              log.original.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
              synchronized (log.captured) {
                log.captured.write(bytes, offset, length);
              }
              log.original.write(bytes, offset, length);
            }
          };
      System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
      return log;
    }

    void stop() {
      System.setErr(original);
    }

    List<String> lines() {
      synchronized (captured) {
        String text = captured.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
      }
    }
  }
}

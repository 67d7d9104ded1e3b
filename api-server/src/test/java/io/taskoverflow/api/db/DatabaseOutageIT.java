package io.taskoverflow.api.db;

import static io.taskoverflow.api.TestApi.json;
import static io.taskoverflow.api.TestApi.millisSince;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskoverflow.api.SharedKubernetes;
import io.taskoverflow.api.TestApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The api-server while its PostgreSQL is stopped: database routes answer 503 at once, everything
 * else keeps answering, readiness says so, and it recovers by itself. The figures it prints (time
 * to a 503, latencies during a burst) are measurements, not assertions.
 */
@ExtendWith(SharedKubernetes.class)
class DatabaseOutageIT {

  private static final String TODOS = "/api/v1/todos";
  private static final String ICAL = "/api/v1/todos/ical";
  private static final int BURST = 300;

  @RegisterExtension static final OwnPostgres postgres = new OwnPostgres();

  private static final TestApi api = postgres.api(Map.of("DB_POOL_SIZE", "4"));

  @AfterEach
  void postgresIsBackAndTheApiHasNoticed() {
    postgres.get().startAgain();
    api.awaitReady(Duration.ofSeconds(30));
  }

  @Test
  void whilePostgresIsDownDatabaseRoutesAnswer503AtOnceAndTheRestKeepsAnswering() {
    int id = createTodo();
    // The first export may meet a Kubernetes API slow to answer on a busy machine (a 503): retried.
    String taskId =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> json(api.post(ICAL, "")).path("task_id").asText(null), task -> task != null);

    postgres.get().stop();
    long start = System.nanoTime();
    HttpResponse<String> first = api.get(TODOS);
    long firstMillis = millisSince(start);

    assertUnavailable(first);
    Map<String, Long> millis = new TreeMap<>();
    Map<String, HttpResponse<String>> answers = new TreeMap<>();
    for (Map.Entry<String, HttpRequest.Builder> route : databaseRoutes(id, taskId).entrySet()) {
      long routeStart = System.nanoTime();
      answers.put(route.getKey(), api.send(route.getValue()));
      millis.put(route.getKey(), millisSince(routeStart));
    }
    System.out.printf(
        "PostgreSQL stopped: first request answered 503 after %d ms; then %s (ms)%n",
        firstMillis, millis);
    answers.forEach((route, answer) -> assertUnavailable(answer));

    HttpResponse<String> ready = api.get("/api/v1/ready");
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(json(ready).get("error").asText()).isEqualTo("database unavailable");
    assertThat(api.get("/api/v1/health").body()).isEqualTo("{\"status\":\"ok\"}");
    assertThat(api.get(ICAL + "/" + taskId + "/status").statusCode()).isEqualTo(200);
    assertThat(api.get(ICAL).statusCode()).isEqualTo(200);
    assertThat(api.post(ICAL, "").statusCode()).isEqualTo(202);
  }

  @Test
  void aBurstDuringAnOutageGets503sWhileHealthAndTheStatusEndpointKeepAnswering() throws Exception {
    int id = createTodo();
    String taskId = json(api.post(ICAL, "")).get("task_id").asText();
    postgres.get().stop();
    // The outage is known before the burst: until then a route that can answer without the
    // database (the result of an unfinished export: 404) still does.
    assertUnavailable(api.get(TODOS));

    HttpClient watcherClient = HttpClient.newHttpClient();
    AtomicBoolean bursting = new AtomicBoolean(true);
    List<Probe> health = Collections.synchronizedList(new ArrayList<>());
    List<Probe> status = Collections.synchronizedList(new ArrayList<>());
    ExecutorService watchers = Executors.newFixedThreadPool(2);
    watchers.submit(() -> watch(watcherClient, "/api/v1/health", bursting, health));
    watchers.submit(() -> watch(watcherClient, ICAL + "/" + taskId + "/status", bursting, status));

    List<HttpRequest.Builder> requests = new ArrayList<>(databaseRoutes(id, taskId).values());
    ExecutorService clients = Executors.newFixedThreadPool(BURST);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Probe>> burst = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < BURST; i++) {
      HttpRequest.Builder request = requests.get(i % requests.size()).copy();
      burst.add(
          clients.submit(
              () -> {
                go.await();
                long sent = System.nanoTime();
                HttpResponse<String> answer = api.send(request);
                return new Probe(answer.statusCode(), answer.body(), System.nanoTime() - sent);
              }));
    }
    go.countDown();
    List<Probe> answers = new ArrayList<>();
    for (Future<Probe> answer : burst) {
      answers.add(answer.get());
    }
    long burstMillis = millisSince(start);
    bursting.set(false);
    watchers.shutdown();
    clients.shutdown();
    assertThat(watchers.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

    System.out.printf(
        "%d concurrent database requests with PostgreSQL stopped, all answered in %d ms: %s;"
            + " their latency %s%n",
        BURST, burstMillis, byStatus(answers), Probe.latencies(answers));
    System.out.printf(
        "Meanwhile GET /health answered %d times %s, latency %s; the status endpoint %d times %s,"
            + " latency %s%n",
        health.size(),
        byStatus(health),
        Probe.latencies(health),
        status.size(),
        byStatus(status),
        Probe.latencies(status));
    assertThat(answers)
        .allSatisfy(
            answer -> {
              assertThat(answer.status()).isEqualTo(503);
              if (!answer.body().isEmpty()) { // HEAD answers have none
                assertThat(answer.body()).isEqualTo("{\"error\":\"database unavailable\"}");
              }
            });
    assertThat(health).isNotEmpty().allSatisfy(probe -> assertThat(probe.status()).isEqualTo(200));
    assertThat(status).isNotEmpty().allSatisfy(probe -> assertThat(probe.status()).isEqualTo(200));
  }

  @Test
  void theApiRecoversWithoutARestartOncePostgresIsBack() {
    int id = createTodo();
    postgres.get().stop();
    assertUnavailable(api.get(TODOS + "/" + id));
    assertThat(api.get("/api/v1/ready").statusCode()).isEqualTo(503);

    postgres.get().startAgain();

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(api.get(TODOS + "/" + id).statusCode()).isEqualTo(200));
    assertThat(api.get("/api/v1/ready").statusCode()).isEqualTo(200);
    assertThat(json(api.get("/api/v1/ready")).get("database").asText()).isEqualTo("ok");
    assertThat(api.post(TODOS, "{\"title\":\"after the outage\"}").statusCode()).isEqualTo(201);
  }

  private static Map<String, HttpRequest.Builder> databaseRoutes(int id, String taskId) {
    Map<String, HttpRequest.Builder> routes = new TreeMap<>();
    routes.put("GET /todos", api.request(TODOS).GET());
    routes.put("GET /todos/{id}", api.request(TODOS + "/" + id).GET());
    routes.put(
        "HEAD /todos/{id}",
        api.request(TODOS + "/" + id).method("HEAD", HttpRequest.BodyPublishers.noBody()));
    routes.put(
        "POST /todos",
        api.request(TODOS).POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"x\"}")));
    routes.put(
        "PUT /todos/{id}",
        api.request(TODOS + "/" + id)
            .PUT(HttpRequest.BodyPublishers.ofString("{\"completed\":true}")));
    routes.put("DELETE /todos/{id}", api.request(TODOS + "/" + id).DELETE());
    routes.put("GET result", api.request(ICAL + "/" + taskId + "/result").GET());
    return routes;
  }

  // Stricter than TestApi.assertUnavailable: the whole body, as the todo routes answer it.
  private static void assertUnavailable(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).contains("1");
    if (!response.request().method().equals("HEAD")) {
      assertThat(response.body()).isEqualTo("{\"error\":\"database unavailable\"}");
    }
  }

  private static int createTodo() {
    HttpResponse<String> created = api.post(TODOS, "{\"title\":\"before the outage\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return json(created).get("id").asInt();
  }

  private static void watch(HttpClient client, String path, AtomicBoolean going, List<Probe> out) {
    while (going.get()) {
      long sent = System.nanoTime();
      try {
        HttpResponse<String> answer =
            client.send(
                HttpRequest.newBuilder(URI.create(api.baseUrl() + path))
                    .timeout(Duration.ofSeconds(30))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        out.add(new Probe(answer.statusCode(), answer.body(), System.nanoTime() - sent));
      } catch (Exception e) {
        out.add(new Probe(-1, e.toString(), System.nanoTime() - sent));
      }
    }
  }

  private static Map<Integer, Long> byStatus(List<Probe> probes) {
    synchronized (probes) {
      return probes.stream()
          .collect(Collectors.groupingBy(Probe::status, TreeMap::new, Collectors.counting()));
    }
  }

  /** One answer and how long it took. */
  private record Probe(int status, String body, long nanos) {

    static String latencies(List<Probe> probes) {
      List<Long> sorted;
      synchronized (probes) {
        sorted = probes.stream().map(Probe::nanos).sorted().toList();
      }
      if (sorted.isEmpty()) {
        return "(none)";
      }
      Function<Double, String> at =
          q ->
              String.format(
                  "%.1f ms",
                  sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size())))
                      / 1e6);
      return "p50 " + at.apply(0.50) + ", p99 " + at.apply(0.99) + ", max " + at.apply(1.0);
    }
  }
}

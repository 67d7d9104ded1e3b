package io.taskoverflow.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.schema.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real api-server, started through {@link ApiApplication#start} on a random port against the
 * shared embedded PostgreSQL and a real Kubernetes API server ({@link TestKubernetes}), with a
 * small HTTP client for tests. A test class gets one with {@link #perClass}; a test that starts and
 * stops one itself uses {@link #start}.
 */
public final class TestApi implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

  public static final String NAMESPACE = "exports";
  public static final long MAX_BODY_BYTES = 4096;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Supplier<Map<String, String>> overrides;
  private final HttpClient http = HttpClient.newHttpClient();
  private TestKubernetes kubernetes;
  private ApiApplication app;

  private TestApi(Supplier<Map<String, String>> overrides) {
    this.overrides = overrides;
  }

  /**
   * For a {@code @RegisterExtension static} field of a class extended with {@link
   * SharedKubernetes}: started on its control plane before the class's tests, stopped after them.
   */
  public static TestApi perClass() {
    return perClass(Map::of);
  }

  /** Like {@link #perClass()}, with these variables added to or replacing the test's. */
  public static TestApi perClass(Map<String, String> overrides) {
    return perClass(() -> overrides);
  }

  /** Like {@link #perClass(Map)}, with variables known only when the class starts. */
  public static TestApi perClass(Supplier<Map<String, String>> overrides) {
    return new TestApi(overrides);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    startOn(SharedKubernetes.of(context));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (app != null) {
      close();
    }
  }

  /** Starts the api-server as the chart's api-server ServiceAccount, never as the admin. */
  public static TestApi start(TestKubernetes kubernetes) {
    return start(kubernetes, Map.of());
  }

  /** Like {@link #start(TestKubernetes)}, with these variables added to or replacing the test's. */
  public static TestApi start(TestKubernetes kubernetes, Map<String, String> overrides) {
    TestApi api = new TestApi(() -> overrides);
    api.startOn(kubernetes);
    return api;
  }

  private void startOn(TestKubernetes kubernetes) {
    Map<String, String> env = new HashMap<>();
    env.put("PORT", "0");
    env.put("DB_URL", TestDatabase.jdbcUrl());
    env.put("DB_USER", TestDatabase.user());
    env.put("DB_PASSWORD", TestDatabase.password());
    env.put("DB_POOL_SIZE", "4");
    env.put("NAMESPACE", NAMESPACE);
    env.put("MAX_BODY_BYTES", Long.toString(MAX_BODY_BYTES));
    // A test control plane on a busy 2-core machine may take seconds for a first write; the
    // outage tests set the product's default back.
    env.put("KUBERNETES_TIMEOUT_MS", "15000");
    env.putAll(overrides.get());
    this.kubernetes = kubernetes;
    this.app = ApiApplication.start(ApiConfig.fromEnv(env), kubernetes.apiServerClient());
  }

  /** The control plane it runs on. */
  public TestKubernetes kubernetes() {
    return kubernetes;
  }

  /** The cluster administrator of {@link #kubernetes()}, for the test's setup and checks. */
  public KubernetesClient admin() {
    return kubernetes.admin();
  }

  /** The namespace's CalendarExports, as the cluster administrator sees and changes them. */
  public NonNamespaceOperation<
          CalendarExport, KubernetesResourceList<CalendarExport>, Resource<CalendarExport>>
      exportsAsAdmin() {
    return admin().resources(CalendarExport.class).inNamespace(NAMESPACE);
  }

  /** Deletes the namespace's CalendarExports; they may take a moment to be gone. */
  public void deleteExports() {
    exportsAsAdmin().delete();
  }

  /** Deletes them and waits until this api-server lists none. */
  public void deleteExportsAndAwaitNoneListed() {
    deleteExports();
    await().until(() -> json(get("/api/v1/todos/ical")).isEmpty());
  }

  /** Waits until {@code /ready} answers 200, as after an outage. */
  public void awaitReady(Duration within) {
    await().atMost(within).until(() -> get("/api/v1/ready").statusCode() == 200);
  }

  public int port() {
    return app.port();
  }

  public String baseUrl() {
    return "http://localhost:" + app.port();
  }

  public HttpResponse<String> get(String path) {
    return send(request(path).GET());
  }

  public HttpResponse<String> post(String path, String body) {
    return send(request(path).POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  public HttpResponse<String> put(String path, String body) {
    return send(request(path).PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  public HttpResponse<String> delete(String path) {
    return send(request(path).DELETE());
  }

  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(baseUrl() + path))
        .header("Content-Type", "application/json");
  }

  public HttpResponse<String> send(HttpRequest.Builder request) {
    return send(request, HttpResponse.BodyHandlers.ofString());
  }

  public <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
    try {
      return http.send(request.build(), body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** What an outage answers: 503 with Retry-After 1 and the error "<what> unavailable". */
  public static void assertUnavailable(HttpResponse<String> response, String what) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).contains("1");
    assertThat(json(response).get("error").asText()).isEqualTo(what + " unavailable");
  }

  public static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  public static JsonNode json(HttpResponse<String> response) {
    return json(response.body());
  }

  public static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + text, e);
    }
  }

  @Override
  public void close() {
    app.stop();
  }
}

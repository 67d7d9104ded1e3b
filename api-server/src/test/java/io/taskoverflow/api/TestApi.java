package io.taskoverflow.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskoverflow.schema.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

/**
 * The real api-server, started through {@link ApiApplication#start} on a random port against the
 * shared embedded PostgreSQL and a real Kubernetes API server ({@link TestKubernetes}), with a
 * small HTTP client for tests.
 */
public final class TestApi implements AutoCloseable {

  public static final String NAMESPACE = "exports";
  public static final long MAX_BODY_BYTES = 4096;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ApiApplication app;
  private final HttpClient http = HttpClient.newHttpClient();

  private TestApi(ApiApplication app) {
    this.app = app;
  }

  /** Starts the api-server as the chart's api-server ServiceAccount, never as the admin. */
  public static TestApi start(TestKubernetes kubernetes) {
    return start(kubernetes, Map.of());
  }

  /** Like {@link #start(TestKubernetes)}, with these variables added to or replacing the test's. */
  public static TestApi start(TestKubernetes kubernetes, Map<String, String> overrides) {
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
    env.putAll(overrides);
    return new TestApi(ApiApplication.start(ApiConfig.fromEnv(env), kubernetes.apiServerClient()));
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

  /** Closes those that started: a failed {@code @BeforeAll} leaves the others null. */
  public static void close(TestApi... apis) {
    for (TestApi api : apis) {
      if (api != null) {
        api.close();
      }
    }
  }
}

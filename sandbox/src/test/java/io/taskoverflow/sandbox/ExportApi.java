package io.taskoverflow.sandbox;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** The REST calls the end-to-end tests make, as a user of the API would. */
final class ExportApi {

  private static final AtomicInteger FRESH = new AtomicInteger();

  record Answer(int status, String body, HttpResponse<String> response) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String base;
  private final HttpClient http = HttpClient.newHttpClient();

  ExportApi(Sandbox sandbox) {
    this.base = sandbox.apiBaseUrl() + "/api/v1";
  }

  JsonNode createTodo(String title, String description, String deadline) {
    String json =
        JSON.createObjectNode()
            .put("title", title)
            .put("description", description)
            .put("deadline_at", deadline)
            .toString();
    Answer answer = send("POST", "/todos", json);
    if (answer.status() != 201) {
      throw new IllegalStateException("todo not created: " + answer.body());
    }
    return answer.json();
  }

  /** Starts an export; answers its task id. */
  String startExport() {
    return startExport(null);
  }

  /**
   * Starts an export with a calendar name no earlier export had, so that it runs a generator Job
   * rather than reusing an earlier calendar of unchanged todos.
   */
  String startFreshExport() {
    return startExport("{\"calendar_name\":\"Fresh export " + FRESH.incrementAndGet() + "\"}");
  }

  /** Starts an export with these options (a JSON object, or null for none). */
  String startExport(String options) {
    Answer answer = send("POST", "/todos/ical", options);
    // A 503 asks to come back after Retry-After (the Kubernetes API was slow or away): as a client
    // honouring it would, for up to half a minute.
    for (int retry = 0; answer.status() == 503 && retry < 30; retry++) {
      sleep(Duration.ofSeconds(1));
      answer = send("POST", "/todos/ical", options);
    }
    if (answer.status() != 202) {
      throw new IllegalStateException("export not accepted: " + answer.body());
    }
    return answer.json().get("task_id").asText();
  }

  /** The titles GET /todos lists. */
  java.util.List<String> todoTitles() {
    java.util.List<String> titles = new java.util.ArrayList<>();
    send("GET", "/todos", null).json().forEach(todo -> titles.add(todo.get("title").asText()));
    return titles;
  }

  /** The status code of GET /health. */
  int health() {
    return send("GET", "/health", null).status();
  }

  Answer status(String taskId) {
    return send("GET", "/todos/ical/" + taskId + "/status", null);
  }

  /**
   * Polls the task's status every 100 ms until {@code wanted} holds (for at most {@code atMost}),
   * adding each status to {@code seen} unless it is the last one there already.
   */
  void awaitTaskStatus(
      String taskId, Duration atMost, List<String> seen, Predicate<String> wanted) {
    await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              String status = taskStatus(taskId);
              if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(status)) {
                seen.add(status);
              }
              return wanted.test(status);
            });
  }

  String taskStatus(String taskId) {
    return status(taskId).json().path("task_status").asText();
  }

  /**
   * The export's event stream, read to its end: the server closes it after the final state, so this
   * returns then (or fails after {@code atMost}).
   */
  Answer events(String taskId, Duration atMost) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + "/todos/ical/" + taskId + "/events")).build();
    HttpResponse<String> response =
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
            .get(atMost.toMillis(), TimeUnit.MILLISECONDS);
    return new Answer(response.statusCode(), response.body(), response);
  }

  Answer result(String taskId) {
    return send("GET", "/todos/ical/" + taskId + "/result", null);
  }

  Answer cancel(String taskId) {
    return send("DELETE", "/todos/ical/" + taskId, null);
  }

  private Answer send(String method, String path, String json) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(
        method,
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json));
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}

package io.taskoverflow.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/** A few todos for a first look, created through the API like a user would. */
final class DemoTodos {

  private final String apiBaseUrl;
  private final String token;
  private final HttpClient http = HttpClient.newHttpClient();

  /** {@code token}: a bearer token when the API requires one, else null. */
  DemoTodos(String apiBaseUrl, String token) {
    this.apiBaseUrl = apiBaseUrl;
    this.token = token;
  }

  int load() {
    LocalDate today = LocalDate.now();
    List<String> todos =
        List.of(
            todo(
                "Write the architecture report",
                "Chapters 1-3, with diagrams",
                today.plusDays(1),
                LocalTime.of(9, 0),
                false),
            todo(
                "Review pull requests",
                "The export API and the operator",
                today.plusDays(2),
                LocalTime.of(14, 30),
                false),
            todo("Book the meeting room", null, today.minusDays(1), LocalTime.of(11, 0), true));
    todos.forEach(this::post);
    return todos.size();
  }

  private void post(String json) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(apiBaseUrl + "/api/v1/todos"))
            .header("Content-Type", "application/json")
            .headers(
                token == null ? new String[0] : new String[] {"Authorization", "Bearer " + token})
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 201) {
        throw new IllegalStateException(
            "demo todo rejected: " + response.statusCode() + " " + response.body());
      }
    } catch (IOException e) {
      throw new IllegalStateException("could not load the demo todos", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while loading the demo todos", e);
    }
  }

  private static String todo(
      String title, String description, LocalDate day, LocalTime time, boolean completed) {
    return "{\"title\":\"%s\",\"description\":%s,\"deadline_at\":\"%sT%s:00\",\"completed\":%s}"
        .formatted(
            title, description == null ? "null" : "\"" + description + "\"", day, time, completed);
  }
}

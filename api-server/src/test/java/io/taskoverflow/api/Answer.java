package io.taskoverflow.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import okhttp3.Headers;
import okhttp3.Response;

/** A response read whole and closed, so that a test can look at it more than once. */
public record Answer(int status, Headers headers, String body) {

  public static Answer of(Response response) {
    try (response) {
      return new Answer(response.code(), response.headers(), response.body().string());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The header's value; null when absent. */
  public String header(String name) {
    return headers.get(name);
  }

  public JsonNode json() {
    return TestApi.json(body);
  }

  /** The message of the project's error shape, {@code {"error": "..."}}. */
  public String error() {
    return json().get("error").asText();
  }
}

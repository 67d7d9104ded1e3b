package io.taskoverflow.api.auth;

import static io.taskoverflow.api.TestApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskoverflow.api.SharedKubernetes;
import io.taskoverflow.api.TestApi;
import io.taskoverflow.schema.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The opt-in bearer authentication, with tokens from API_TOKENS and API_TOKENS_FILE. */
@ExtendWith(SharedKubernetes.class)
class AuthenticationIT {

  private static final String TOKEN = "first-token-0123456789abcdef";
  private static final String ROTATED_IN = "second-token-fedcba9876543210";
  private static final String TODOS = "/api/v1/todos";

  @TempDir static Path workDirectory;

  // Variables from a supplier: JUnit sets the directory only when the class starts.
  @RegisterExtension
  static final TestApi api =
      TestApi.perClass(
          () -> Map.of("API_TOKENS", TOKEN, "API_TOKENS_FILE", tokensFile().toString()));

  private static Path tokensFile() {
    try {
      return Files.writeString(workDirectory.resolve("tokens"), ROTATED_IN + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @BeforeEach
  void emptyDatabase() {
    TestDatabase.reset();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "GET, /api/v1/todos",
    "POST, /api/v1/todos",
    "GET, /api/v1/todos/1",
    "HEAD, /api/v1/todos/1",
    "PUT, /api/v1/todos/1",
    "DELETE, /api/v1/todos/1",
    "POST, /api/v1/todos/ical",
    "GET, /api/v1/todos/ical",
    "GET, /api/v1/todos/ical/calx-x/status",
    "GET, /api/v1/todos/ical/calx-x/events",
    "DELETE, /api/v1/todos/ical/calx-x",
    "GET, /api/v1/openapi.json",
    "OPTIONS, /api/v1/todos",
    "GET, /api/v1/nothing-here",
    "GET, /api/v1/health/",
    "GET, /api/v1/%68ealth",
  })
  void withoutATokenEveryApiRouteAnswers401(String method, String path) {
    HttpResponse<String> response =
        api.send(
            api.request(path)
                .method(method, HttpRequest.BodyPublishers.ofString("{\"title\":\"x\"}")));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
    if (!method.equals("HEAD")) {
      assertThat(json(response).get("error").asText()).startsWith("Authentication required");
    }
    assertThat(json(api.send(withToken(TODOS, TOKEN)))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Bearer wrong-token-0123456789abcdef",
        "Bearer " + TOKEN + "x",
        "Bearer first-token",
        "Basic Zmlyc3QtdG9rZW46",
        "Bearer",
        "Token " + TOKEN
      })
  void aWrongTokenOrSchemeAnswers401InvalidToken(String authorization) {
    HttpResponse<String> response =
        api.send(api.request(TODOS).header("Authorization", authorization).GET());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(value -> assertThat(value).contains("error=\"invalid_token\""));
    assertThat(json(response).get("error").asText()).isEqualTo("Invalid API token");
  }

  @Test
  void eitherConfiguredTokenWorksAndTheSchemeIsCaseInsensitive() {
    HttpResponse<String> created =
        api.send(
            withToken(TODOS, TOKEN).POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"t\"}")));
    HttpResponse<String> listed = api.send(withToken(TODOS, ROTATED_IN));
    HttpResponse<String> lowerCase =
        api.send(api.request(TODOS).header("Authorization", "bearer " + TOKEN).GET());

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(listed.statusCode()).isEqualTo(200);
    assertThat(json(listed)).hasSize(1);
    assertThat(lowerCase.statusCode()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/v1/health", "/api/v1/ready", "/", "/app.js", "/app.css"})
  void theProbesAndThePagesFilesNeedNoToken(String path) {
    assertThat(api.get(path).statusCode()).isEqualTo(200);
  }

  private static HttpRequest.Builder withToken(String path, String token) {
    return api.request(path).header("Authorization", "Bearer " + token);
  }
}

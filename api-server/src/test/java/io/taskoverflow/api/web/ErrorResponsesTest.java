package io.taskoverflow.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoverflow.api.Answer;
import io.taskoverflow.api.InMemoryApi;
import io.taskoverflow.api.RouteClient;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The project's error shape, {@code {"error": "..."}}, for requests the routes refuse before any
 * store is asked: bodies that are not JSON, too large or not UTF-8, wrong methods, unknown paths.
 * HttpHardeningIT checks what only the real server's Jetty decides.
 */
class ErrorResponsesTest {

  private static final String TODOS = "/api/v1/todos";

  @RegisterExtension final InMemoryApi api = new InMemoryApi();

  @ParameterizedTest
  @ValueSource(
      strings = {"not json", "{\"title\": \"unterminated", "{\"title\":\"a\"} trailing", "{"})
  void malformedJsonAnswers400(String body) {
    api.test(
        client -> {
          Answer answer = client.post(TODOS, body);

          assertThat(answer.status()).isEqualTo(400);
          assertThat(answer.header("Content-Type")).startsWith("application/json");
          assertThat(answer.error()).startsWith("Request body is not valid JSON");
          assertThat(api.todos().all()).isEmpty();
        });
  }

  @ParameterizedTest(name = "{0} with Content-Type {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "POST | text/plain",
        "POST | text/plain;charset=UTF-8",
        "POST | application/x-www-form-urlencoded",
        "POST | multipart/form-data; boundary=x",
        "POST | application/json; charset=iso-8859-1",
        "POST | application/jsonp",
        "POST | ''",
        "PUT  | text/plain",
        "PUT  | application/x-www-form-urlencoded",
        "PUT  | ''",
      })
  void aBodyNotDeclaredAsJsonAnswers415(String method, String contentType) {
    api.test(
        client -> {
          int id = client.post(TODOS, "{\"title\":\"original\"}").json().get("id").asInt();
          String path = method.equals("POST") ? TODOS : TODOS + "/" + id;

          Answer answer =
              client.send(
                  path,
                  request ->
                      request.method(
                          method,
                          RouteClient.body(
                              "{\"title\":\"sneaked in\"}".getBytes(StandardCharsets.UTF_8),
                              contentType.isEmpty() ? null : contentType)));

          assertThat(answer.status()).isEqualTo(415);
          assertThat(answer.json().size()).isEqualTo(1);
          assertThat(answer.error())
              .containsAnyOf("Content-Type must be application/json", "JSON bodies must be UTF-8");
          assertThat(api.todos().all())
              .singleElement()
              .hasFieldOrPropertyWithValue("title", "original");
        });
  }

  @Test
  void aBodyOverTheLimitAnswers413WhetherDeclaredOrChunked() {
    String huge =
        "{\"title\":\"t\",\"description\":\""
            + "x".repeat((int) InMemoryApi.MAX_BODY_BYTES)
            + "\"}";
    api.test(
        client -> {
          Answer declared = client.post(TODOS, huge);
          Answer chunked = client.send(TODOS, request -> request.post(RouteClient.chunked(huge)));

          assertThat(declared.status()).isEqualTo(413);
          assertThat(declared.error()).contains("limit of 4096 bytes");
          assertThat(chunked.status()).isEqualTo(413);
          assertThat(chunked.error()).isNotBlank();
          assertThat(api.todos().all()).isEmpty();
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {"C0AF", "C080", "E080AF", "EDA0BDEDB880", "EDA080", "FF", "E282"})
  void aBodyThatIsNotWellFormedUtf8Answers400(String hex) {
    api.test(
        client -> {
          String body = "{\"title\":\"a" + "%s" + "\"}";
          byte[] bad = HexFormat.of().parseHex(hex);
          byte[] prefix = body.split("%s")[0].getBytes(StandardCharsets.UTF_8);
          byte[] suffix = body.split("%s")[1].getBytes(StandardCharsets.UTF_8);
          byte[] all = new byte[prefix.length + bad.length + suffix.length];
          System.arraycopy(prefix, 0, all, 0, prefix.length);
          System.arraycopy(bad, 0, all, prefix.length, bad.length);
          System.arraycopy(suffix, 0, all, prefix.length + bad.length, suffix.length);

          Answer answer =
              client.send(
                  TODOS, request -> request.post(RouteClient.body(all, "application/json")));

          assertThat(answer.status()).isEqualTo(400);
          assertThat(answer.error()).isEqualTo("Request body is not valid UTF-8");
          assertThat(api.todos().all()).isEmpty();
        });
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "PATCH  | /api/v1/todos/1                     | GET, HEAD, PUT, DELETE, OPTIONS",
        "POST   | /api/v1/todos/1                     | GET, HEAD, PUT, DELETE, OPTIONS",
        "DELETE | /api/v1/todos                       | GET, HEAD, POST, OPTIONS",
        "PUT    | /api/v1/todos                       | GET, HEAD, POST, OPTIONS",
        "POST   | /api/v1/health                      | GET, HEAD, OPTIONS",
        "PUT    | /api/v1/todos/ical/calx-x/status    | GET, HEAD, OPTIONS",
      })
  void aWrongMethodAnswers405WithAllow(String method, String path, String allow) {
    api.test(
        client -> {
          client.post(TODOS, "{\"title\":\"exists\"}");

          Answer answer =
              client.send(
                  path, request -> request.method(method, RouteClient.json("{\"title\":\"x\"}")));

          assertThat(answer.status()).isEqualTo(405);
          assertThat(answer.header("Allow").split(", "))
              .containsExactlyInAnyOrder(allow.split(", "));
          assertThat(answer.error()).contains(method, "not allowed");
          assertThat(api.todos().all())
              .singleElement()
              .hasFieldOrPropertyWithValue("title", "exists");
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {TODOS, TODOS + "/1", "/api/v1/todos/ical", "/api/v1/todos/ical/calx-x"})
  void aPreflightIsAnswered204WithAllowAndNoCorsHeaders(String path) {
    api.test(
        client -> {
          Answer preflight =
              client.send(
                  path,
                  request ->
                      request
                          .method("OPTIONS", null)
                          .header("Origin", "https://evil.example")
                          .header("Access-Control-Request-Method", "DELETE"));

          assertThat(preflight.status()).isEqualTo(204);
          assertThat(preflight.header("Allow")).contains("OPTIONS");
          assertThat(preflight.headers().names())
              .noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
        });
  }

  // A 404 never echoes the request path back (Javalin's own says "Endpoint GET /… not found").
  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/v1/nothing-here",
        "/api/v1/echo-marker-7q",
        "/api/v1/todos/1/echo-marker-7q",
        "/api/v1/todos/echo-marker-7q",
        "/api/v1/todos/ical/echo-marker-7q/status",
        "/api/v1/todos/ical/echo-marker-7q/result",
        "/echo-marker-7q",
        "/echo-marker-7q.html",
      })
  void anUnknownPathAnswers404InJsonWithoutEchoingIt(String path) {
    api.test(
        client -> {
          Answer answer = client.get(path);

          assertThat(answer.status()).isEqualTo(404);
          assertThat(answer.error()).isNotBlank();
          assertThat(answer.body()).doesNotContain("echo-marker").doesNotContain("/api");
          assertThat(
                  answer.headers().names().stream()
                      .flatMap(name -> answer.headers().values(name).stream()))
              .noneMatch(value -> value.contains("echo-marker"));
        });
  }

  @Test
  void apiAnswersAndErrorsCarryTheSecurityHeaders() {
    api.test(
        client -> {
          for (Answer answer :
              List.of(client.get(TODOS), client.get(TODOS + "/999"), client.get("/api/v1/x"))) {
            assertThat(answer.header("Content-Security-Policy"))
                .isEqualTo(SecurityHeaders.API_POLICY);
            assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(answer.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(answer.header("Referrer-Policy")).isEqualTo("no-referrer");
          }
        });
  }
}

package io.taskoverflow.api.web;

import static io.taskoverflow.api.TestApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskoverflow.api.SharedKubernetes;
import io.taskoverflow.api.TestApi;
import io.taskoverflow.schema.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the api-server tells browsers and proxies, and how it answers requests that are not quite
 * HTTP: CORS, cross-site writes, security headers, forwarded headers, Jetty's own errors.
 */
@ExtendWith(SharedKubernetes.class)
class HttpHardeningIT {

  private static final String TODOS = "/api/v1/todos";
  private static final String ICAL = "/api/v1/todos/ical";
  private static final String CLOSE = "Connection: close\r\n\r\n";

  @RegisterExtension static final TestApi api = TestApi.perClass();

  @RegisterExtension
  static final TestApi behindProxy =
      TestApi.perClass(
          Map.of(
              "TRUST_FORWARDED_HEADERS", "true",
              "ALLOWED_HOSTS", "localhost,[::1],todo.example.com"));

  @BeforeEach
  void noTodosAndNoExports() {
    TestDatabase.reset();
    api.deleteExports();
  }

  // ---- Jetty's own errors ----

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a malformed request line | 400",
        "an overlong URI          | 414",
        "oversized headers        | 431",
        "a NUL in the path        | 400",
        "a malformed Host         | 400",
      })
  void requestsJettyRefusesItselfAreAnsweredInJson(String label, int status) {
    String request =
        switch (label) {
          case "a malformed request line" -> "GARBAGE\r\n\r\n";
          case "an overlong URI" ->
              "GET /api/v1/" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: localhost\r\n" + CLOSE;
          case "oversized headers" ->
              "GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nX-Pad: "
                  + "b".repeat(10_000)
                  + "\r\n\r\n";
          case "a NUL in the path" ->
              "GET /api/v1/todos%00 HTTP/1.1\r\nHost: localhost\r\n" + CLOSE;
          default -> "GET /api/v1/health HTTP/1.1\r\nHost: javascript:alert(1)\r\n" + CLOSE;
        };

    RawResponse response = raw(api, request);

    assertThat(response.status()).as(response.text()).isEqualTo(status);
    assertThat(response.header("Content-Type")).startsWith("application/json");
    assertThat(json(response.body()).get("error").asText()).isNotBlank();
    assertThat(response.body()).doesNotContain("<");
  }

  // ---- CORS: none, so only the same origin can read or send non-simple requests ----

  @ParameterizedTest
  @ValueSource(strings = {TODOS, TODOS + "/1", ICAL, ICAL + "/calx-x"})
  void aPreflightFromAnotherOriginIsAnsweredWithoutAllowingIt(String path) {
    HttpResponse<String> preflight =
        api.send(
            api.request(path)
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "DELETE")
                .header("Access-Control-Request-Headers", "content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));

    assertThat(preflight.statusCode()).isEqualTo(204);
    assertThat(preflight.headers().firstValue("Allow")).isPresent();
    assertThat(preflight.headers().map().keySet())
        .noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
  }

  @Test
  void answersCarryNoCorsHeadersEvenWhenAnOriginAsks() {
    HttpResponse<String> response =
        api.send(api.request(TODOS).header("Origin", "https://evil.example").GET());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().map().keySet())
        .noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
  }

  // ---- Cross-site writes ----

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Sec-Fetch-Site | cross-site",
        "Sec-Fetch-Site | same-site",
        "Origin         | https://evil.example",
        "Origin         | null",
      })
  void aWriteABrowserSendsFromAnotherSiteIsRefused(String header, String value) {
    // A page elsewhere can send this without a preflight: a POST with no body and no type.
    HttpResponse<String> export =
        api.send(
            HttpRequest.newBuilder(java.net.URI.create(api.baseUrl() + ICAL))
                .header(header, value)
                .POST(HttpRequest.BodyPublishers.noBody()));
    HttpResponse<String> todo =
        api.send(
            api.request(TODOS)
                .header(header, value)
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"planted\"}")));

    assertThat(export.statusCode()).isEqualTo(403);
    assertThat(json(export).get("error").asText()).contains("Cross-site");
    assertThat(todo.statusCode()).isEqualTo(403);
    assertThat(api.exportsAsAdmin().list().getItems()).isEmpty();
    assertThat(json(api.get(TODOS))).isEmpty();
  }

  @Test
  void theOwnPageAndClientsWithoutBrowserHeadersMayWrite() {
    HttpResponse<String> fromThePage =
        api.send(
            api.request(TODOS)
                .header("Sec-Fetch-Site", "same-origin")
                .header("Origin", api.baseUrl())
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"from the page\"}")));
    HttpResponse<String> olderBrowser =
        api.send(
            api.request(TODOS)
                .header("Origin", api.baseUrl())
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"no fetch metadata\"}")));
    HttpResponse<String> curl = api.post(TODOS, "{\"title\":\"from curl\"}");

    assertThat(fromThePage.statusCode()).isEqualTo(201);
    assertThat(olderBrowser.statusCode()).isEqualTo(201);
    assertThat(curl.statusCode()).isEqualTo(201);
  }

  @Test
  void aCrossSiteReadIsAnsweredButItsAnswerIsNotShareable() {
    // Reading is harmless without CORS: the browser keeps the answer from the other page.
    HttpResponse<String> response =
        api.send(api.request(TODOS).header("Sec-Fetch-Site", "cross-site").GET());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Cross-Origin-Resource-Policy"))
        .contains("same-origin");
  }

  // ---- Security headers ----

  @ParameterizedTest
  @ValueSource(strings = {"/", "/app.js", "/app.css"})
  void thePageAndItsAssetsCarryAStrictPolicy(String path) {
    HttpResponse<String> response = api.get(path);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Security-Policy"))
        .contains(SecurityHeaders.PAGE_POLICY);
    assertThat(SecurityHeaders.PAGE_POLICY)
        .contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'")
        .doesNotContain("unsafe");
    assertCommonSecurityHeaders(response);
  }

  @ParameterizedTest
  @ValueSource(strings = {TODOS, "/api/v1/health", "/api/v1/todos/999", "/api/v1/nothing-here"})
  void apiAnswersAndErrorsMayLoadNothing(String path) {
    HttpResponse<String> response = api.get(path);

    assertThat(response.headers().firstValue("Content-Security-Policy"))
        .contains(SecurityHeaders.API_POLICY);
    assertCommonSecurityHeaders(response);
  }

  private static void assertCommonSecurityHeaders(HttpResponse<String> response) {
    assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(response.headers().firstValue("X-Frame-Options")).contains("DENY");
    assertThat(response.headers().firstValue("Referrer-Policy")).contains("no-referrer");
  }

  // ---- Forwarded headers ----

  @ParameterizedTest(name = "X-Forwarded-Proto {0}, X-Forwarded-Host {1}")
  @CsvSource({
    "https, todo.example.com",
    "javascript, evil.example",
    "https, evil.example/x",
  })
  void forwardedHeadersAreIgnoredUnlessTrusted(String proto, String host) {
    HttpResponse<String> response = exportVia(api, proto, host);

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.headers().firstValue("Location").orElseThrow())
        .startsWith(api.baseUrl() + ICAL + "/");
  }

  @ParameterizedTest(name = "X-Forwarded-Proto {0}, X-Forwarded-Host {1}")
  @CsvSource({
    "https,                        todo.example.com,                  https://todo.example.com",
    "HTTPS,                        todo.example.com:8443,             https://todo.example.com:8443",
    "'evil, https',                'evil.example, todo.example.com',  https://todo.example.com",
    "javascript,                   todo.example.com,                  http://todo.example.com",
    "https,                        'evil.example/x',                  https://localhost:{port}",
    "https,                        'evil.example@x',                  https://localhost:{port}",
    "'',                           '[::1]:6400',                      http://[::1]:6400",
  })
  void trustedForwardedHeadersNameThePublicUrlWhenTheyAreValid(
      String proto, String host, String expected) {
    HttpResponse<String> response = exportVia(behindProxy, proto, host);

    assertThat(response.statusCode()).isEqualTo(202);
    String location = response.headers().firstValue("Location").orElseThrow();
    assertThat(location)
        .startsWith(expected.replace("{port}", Integer.toString(behindProxy.port())) + ICAL + "/");
    assertThat(json(response).get("task_url").asText()).isEqualTo(location);
  }

  private static HttpResponse<String> exportVia(TestApi target, String proto, String host) {
    HttpRequest.Builder request = target.request(ICAL).POST(HttpRequest.BodyPublishers.noBody());
    if (!proto.isEmpty()) {
      request.header("X-Forwarded-Proto", proto);
    }
    request.header("X-Forwarded-Host", host);
    return target.send(request);
  }

  // ---- raw HTTP ----

  private record RawResponse(int status, Map<String, String> headers, String body) {

    String header(String name) {
      return headers.getOrDefault(name.toLowerCase(), "");
    }

    String text() {
      return status + " " + headers + "\n" + body;
    }
  }

  /** Writes the bytes as they are (no client would send them) and reads the answer. */
  private static RawResponse raw(TestApi target, String request) {
    try (Socket socket = new Socket("localhost", target.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      String[] headAndBody = answer.split("\r\n\r\n", 2);
      String[] lines = headAndBody[0].split("\r\n");
      Map<String, String> headers = new java.util.HashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.put(
            lines[i].substring(0, colon).strip().toLowerCase(),
            lines[i].substring(colon + 1).strip());
      }
      return new RawResponse(
          Integer.parseInt(lines[0].split(" ")[1]),
          headers,
          headAndBody.length > 1 ? headAndBody[1] : "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

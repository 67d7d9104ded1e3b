package io.taskoverflow.api.web;

import static io.taskoverflow.api.TestApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskoverflow.api.SharedKubernetes;
import io.taskoverflow.api.TestApi;
import io.taskoverflow.schema.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DNS rebinding (issue 16, point 5): a page on evil.example whose name now resolves to the
 * api-server's address is same-origin to the browser, so its requests carry {@code Origin:
 * http://evil.example:6401} and {@code Sec-Fetch-Site: same-origin} and pass the cross-site check.
 * Only their Host header gives them away. Real HTTP, written byte for byte: Java's HttpClient does
 * not let a caller choose the Host header.
 */
@ExtendWith(SharedKubernetes.class)
class HostCheckIT {

  private static final String TODOS = "/api/v1/todos";
  private static final String EVIL = "evil.example:6401";

  @RegisterExtension static final TestApi defaults = TestApi.perClass();

  @RegisterExtension
  static final TestApi configured =
      TestApi.perClass(
          Map.of(
              "ALLOWED_HOSTS", "localhost,todo.example.com",
              "TRUST_FORWARDED_HEADERS", "true"));

  @BeforeEach
  void noTodosAndNoExports() {
    TestDatabase.reset();
    defaults.deleteExports();
  }

  @Test
  void aRebindingPageCannotCreateATodo() {
    Raw response =
        send(defaults, "POST", TODOS, EVIL, browser("http://" + EVIL), "{\"title\":\"planted\"}");

    assertRefused(response, EVIL);
    assertThat(defaults.get(TODOS).body()).isEqualTo("[]");
  }

  @Test
  void aRebindingPageCannotReadTheTodos() {
    int id = json(defaults.post(TODOS, "{\"title\":\"secret plans\"}")).get("id").asInt();

    for (String path : new String[] {TODOS, TODOS + "/" + id, TODOS + "?completed=false"}) {
      Raw response = send(defaults, "GET", path, EVIL, browser("http://" + EVIL), null);
      assertRefused(response, EVIL);
      assertThat(response.body()).doesNotContain("secret plans");
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "POST,   /api/v1/todos/ical",
    "GET,    /api/v1/todos/ical",
    "GET,    /api/v1/todos/ical/feed.ics",
    "GET,    /api/v1/todos/ical/feed-link",
    "PUT,    /api/v1/todos/1",
    "DELETE, /api/v1/todos/1",
    "GET,    /api/v1/openapi.json",
    "GET,    /",
    "GET,    /api/v1/nothing-here",
  })
  void everyOtherRouteRefusesTheRebindingHostToo(String method, String path) {
    defaults.post(TODOS, "{\"title\":\"keep me\"}");
    String body = method.equals("PUT") ? "{\"title\":\"changed\"}" : null;

    Raw response = send(defaults, method, path, EVIL, browser("http://" + EVIL), body);

    assertRefused(response, EVIL);
    assertThat(json(defaults.get(TODOS)).get(0).get("title").asText()).isEqualTo("keep me");
    assertThat(defaults.exportsAsAdmin().list().getItems()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"localhost:{port}", "LOCALHOST:{port}", "127.0.0.1:{port}", "[::1]:{port}"})
  void theDefaultsServeLoopbackAsOnKindAndInTheSandbox(String hostTemplate) {
    String host = hostTemplate.replace("{port}", Integer.toString(defaults.port()));

    Raw created =
        send(defaults, "POST", TODOS, host, browser("http://" + host), "{\"title\":\"mine\"}");
    Raw listed = send(defaults, "GET", TODOS, host, browser("http://" + host), null);
    Raw page = send(defaults, "GET", "/", host, Map.of(), null);

    assertThat(created.status()).as(created.text()).isEqualTo(201);
    assertThat(listed.status()).as(listed.text()).isEqualTo(200);
    assertThat(json(listed.body()).get(0).get("title").asText()).isEqualTo("mine");
    assertThat(page.status()).as(page.text()).isEqualTo(200);
  }

  @Test
  void aConfiguredNameIsServedOnAnyPortAndInAnyCase() {
    for (String host : new String[] {"todo.example.com", "TODO.example.com:8443"}) {
      Raw created =
          send(configured, "POST", TODOS, host, browser("https://" + host), "{\"title\":\"t\"}");
      assertThat(created.status()).as(created.text()).isEqualTo(201);
      Raw feedLink = send(configured, "GET", TODOS + "/ical/feed-link", host, Map.of(), null);
      assertThat(feedLink.status()).as(feedLink.text()).isEqualTo(200);
      assertThat(json(feedLink.body()).get("url").asText())
          .startsWith("http://" + host + "/api/v1/todos/ical/feed.ics");
    }
    assertThat(json(configured.get(TODOS))).hasSize(2);
    // Not listed on this one: only what ALLOWED_HOSTS names counts.
    assertRefused(
        send(configured, "GET", TODOS, "127.0.0.1:" + configured.port(), Map.of(), null),
        "127.0.0.1:" + configured.port());
    assertRefused(send(configured, "GET", TODOS, EVIL, Map.of(), null), EVIL);
  }

  @Test
  void aTrustedForwardedHostMustBeAllowedToo() {
    Map<String, String> headers = Map.of("X-Forwarded-Host", "evil.example");
    Raw refused = send(configured, "GET", TODOS, "localhost", headers, null);
    assertRefused(refused, "evil.example");

    Raw hostStillChecked =
        send(
            configured,
            "GET",
            TODOS,
            "evil.example",
            Map.of("X-Forwarded-Host", "todo.example.com"),
            null);
    assertRefused(hostStillChecked, "evil.example");

    Raw proxied =
        send(
            configured,
            "GET",
            TODOS,
            "localhost",
            Map.of("X-Forwarded-Host", "todo.example.com"),
            null);
    assertThat(proxied.status()).as(proxied.text()).isEqualTo(200);
  }

  // The kubelet probes the pod by its IP: the probes answer whatever the Host.
  @ParameterizedTest
  @ValueSource(strings = {"/api/v1/health", "/api/v1/ready"})
  void theProbesAnswerAnyHost(String path) {
    Raw response = send(defaults, "GET", path, "10.244.0.17:6400", Map.of(), null);
    assertThat(response.status()).as(response.text()).isIn(200, 503);
    assertThat(response.body()).doesNotContain("ALLOWED_HOSTS");
  }

  private static Map<String, String> browser(String origin) {
    return Map.of("Origin", origin, "Sec-Fetch-Site", "same-origin");
  }

  private static void assertRefused(Raw response, String host) {
    assertThat(response.status()).as(response.text()).isEqualTo(421);
    assertThat(response.header("content-type")).startsWith("application/json");
    JsonNode body = json(response.body());
    assertThat(body.size()).isEqualTo(1);
    assertThat(body.get("error").asText())
        .isEqualTo(
            "Host "
                + host
                + " is not served here; ALLOWED_HOSTS (the chart's apiServer.allowedHosts) lists"
                + " the host names this server answers to");
  }

  private record Raw(int status, Map<String, String> headers, String body) {

    String header(String name) {
      return headers.getOrDefault(name, "");
    }

    String text() {
      return status + " " + headers + "\n" + body;
    }
  }

  /** One HTTP/1.1 request with exactly this Host header, over a new connection. */
  private static Raw send(
      TestApi target,
      String method,
      String path,
      String host,
      Map<String, String> headers,
      String body) {
    StringBuilder request = new StringBuilder();
    request.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
    request.append("Host: ").append(host).append("\r\n");
    headers.forEach(
        (name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
    byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    if (body != null) {
      request.append("Content-Type: application/json\r\n");
    }
    if (body != null || method.equals("POST") || method.equals("PUT")) {
      request.append("Content-Length: ").append(content.length).append("\r\n");
    }
    request.append("Connection: close\r\n\r\n");
    try (Socket socket = new Socket("localhost", target.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(content);
      out.flush();
      InputStream in = socket.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      String[] headAndBody = answer.split("\r\n\r\n", 2);
      String[] lines = headAndBody[0].split("\r\n");
      Map<String, String> answerHeaders = new HashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        answerHeaders.put(
            lines[i].substring(0, colon).strip().toLowerCase(),
            lines[i].substring(colon + 1).strip());
      }
      String answerBody = headAndBody.length > 1 ? headAndBody[1] : "";
      if ("chunked".equalsIgnoreCase(answerHeaders.get("transfer-encoding"))) {
        answerBody = unchunk(answerBody);
      }
      return new Raw(Integer.parseInt(lines[0].split(" ")[1]), answerHeaders, answerBody);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String unchunk(String chunked) {
    StringBuilder body = new StringBuilder();
    int at = 0;
    while (true) {
      int lineEnd = chunked.indexOf("\r\n", at);
      int size = Integer.parseInt(chunked.substring(at, lineEnd).strip(), 16);
      if (size == 0) {
        return body.toString();
      }
      // Sizes count bytes; the bodies here are ASCII JSON.
      body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
      at = lineEnd + 2 + size + 2;
    }
  }
}

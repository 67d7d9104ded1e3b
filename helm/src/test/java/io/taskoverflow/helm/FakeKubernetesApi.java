package io.taskoverflow.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Just enough of a Kubernetes API for the chart's {@code lookup} calls: helm-java's template
 * connects to the cluster of $KUBECONFIG for them (unlike {@code helm template}). The build points
 * KUBECONFIG at a file this class writes, so the tests never reach a developer's real cluster, and
 * tests can plant Secrets to see what an upgrade renders.
 */
final class FakeKubernetesApi {

  private static final String CORE_RESOURCES =
      """
      {"kind":"APIResourceList","apiVersion":"v1","groupVersion":"v1","resources":[
        {"name":"secrets","singularName":"secret","namespaced":true,"kind":"Secret",
         "verbs":["create","delete","get","list","patch","update","watch"]}]}
      """;

  private static FakeKubernetesApi instance;

  private final Map<String, JsonNode> secrets = new ConcurrentHashMap<>();

  private FakeKubernetesApi(Path kubeconfig) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(null);
    server.start();
    Files.createDirectories(kubeconfig.toAbsolutePath().getParent());
    Files.writeString(
        kubeconfig,
        """
        apiVersion: v1
        kind: Config
        clusters:
          - name: fake
            cluster:
              server: http://127.0.0.1:%d
        contexts:
          - name: fake
            context:
              cluster: fake
              user: fake
        current-context: fake
        users:
          - name: fake
            user: {}
        """
            .formatted(server.getAddress().getPort()));
  }

  /** Starts the fake once per JVM; KUBECONFIG must name the file to write (set by the pom). */
  static synchronized FakeKubernetesApi start() {
    if (instance == null) {
      String kubeconfig = System.getenv("KUBECONFIG");
      if (kubeconfig == null || kubeconfig.isBlank()) {
        throw new IllegalStateException(
            "KUBECONFIG is not set: run the tests through Maven (helm/pom.xml sets it), so that helm"
                + " lookups never reach a real cluster");
      }
      try {
        instance = new FakeKubernetesApi(Path.of(kubeconfig));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return instance;
  }

  void putSecret(String namespace, String name, JsonNode secret) {
    secrets.put(namespace + "/" + name, secret);
  }

  void clear() {
    secrets.clear();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String[] parts = path.split("/");
    if (path.equals("/api")) {
      reply(exchange, 200, "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"]}");
    } else if (path.equals("/apis")) {
      reply(exchange, 200, "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[]}");
    } else if (path.equals("/api/v1")) {
      reply(exchange, 200, CORE_RESOURCES);
    } else if (parts.length == 7
        && path.startsWith("/api/v1/namespaces/")
        && parts[5].equals("secrets")
        && secrets.containsKey(parts[4] + "/" + parts[6])) {
      reply(exchange, 200, Chart.JSON.writeValueAsString(secrets.get(parts[4] + "/" + parts[6])));
    } else {
      reply(
          exchange,
          404,
          "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}");
    }
  }

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (var out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}

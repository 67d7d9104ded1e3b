package io.taskoverflow.operator.monitoring;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * {@code /healthz} (the process answers), {@code /readyz} (the operator started and its informers
 * are healthy) and {@code /metrics} (Prometheus text format) on the JDK's own HTTP server.
 */
public final class HealthServer implements AutoCloseable {

  private final HttpServer server;

  private HealthServer(HttpServer server) {
    this.server = server;
  }

  public static HealthServer start(
      String bindAddress, int port, BooleanSupplier ready, PrometheusMeterRegistry registry) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(bindAddress, port), 0);
      server.createContext("/healthz", exchange -> respond(exchange, 200, "ok\n", "text/plain"));
      server.createContext(
          "/readyz",
          exchange ->
              respond(
                  exchange,
                  ready.getAsBoolean() ? 200 : 503,
                  ready.getAsBoolean() ? "ready\n" : "not ready\n",
                  "text/plain"));
      server.createContext(
          "/metrics",
          exchange ->
              respond(
                  exchange, 200, registry.scrape(), "text/plain; version=0.0.4; charset=utf-8"));
      server.setExecutor(
          Executors.newSingleThreadExecutor(
              runnable -> {
                Thread thread = new Thread(runnable, "health-server");
                thread.setDaemon(true);
                return thread;
              }));
      server.start();
      return new HealthServer(server);
    } catch (IOException e) {
      throw new UncheckedIOException("could not serve health endpoints on port " + port, e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void respond(HttpExchange exchange, int status, String body, String contentType)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

package io.taskoverflow.api.web;

import io.javalin.http.Context;
import java.util.Set;

/**
 * Answers only requests addressed to a configured host name. Against DNS rebinding: a page on
 * {@code evil.example} that points its name at 127.0.0.1 is, to the browser, same-origin with the
 * api-server and passes the cross-site check, but its requests still say {@code Host:
 * evil.example}. The probes are exempt (the kubelet addresses the pod by its IP); they tell nothing
 * and change nothing.
 */
public record HostCheck(AllowedHosts allowed, boolean trustForwardedHeaders) {

  private static final Set<String> PROBES = Set.of("/api/v1/health", "/api/v1/ready");

  public void check(Context ctx) {
    if (PROBES.contains(ctx.path())) {
      return;
    }
    // HTTP/1.1 requires Host (Jetty answers 400 without it); a browser always sends it.
    check(ctx.header("Host"));
    if (trustForwardedHeaders) {
      // The name the URLs in answers are built from, when a trusted proxy names the public side;
      // a malformed one is ignored there (BaseUrl), so the Host header checked above counts.
      String forwarded = ctx.header("X-Forwarded-Host");
      if (forwarded != null && !forwarded.isBlank()) {
        String[] values = forwarded.split(",");
        String last = values[values.length - 1].strip();
        if (BaseUrl.isHost(last)) {
          check(last);
        }
      }
    }
  }

  private void check(String host) {
    if (host != null && !allowed.allows(host)) {
      // Named only when it is a well-formed host name: nothing else is echoed back.
      String name = BaseUrl.isHost(host) ? "Host " + host.strip() : "This Host header";
      throw new ApiError(
          421,
          name
              + " is not served here; ALLOWED_HOSTS (the chart's apiServer.allowedHosts) lists"
              + " the host names this server answers to");
    }
  }
}

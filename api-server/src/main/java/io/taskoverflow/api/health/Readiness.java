package io.taskoverflow.api.health;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/ready}: whether this pod can serve, which means PostgreSQL and the Kubernetes
 * API both answer; the body says which does not. Kubernetes stops routing to a pod that is not
 * ready but does not restart it (liveness stays {@code /health}). During an outage it answers at
 * once, from the {@link Circuit}s.
 */
public record Readiness(Circuit database, Circuit kubernetes) {

  public void serve(Context ctx) {
    boolean databaseReady = database.ready();
    boolean kubernetesReady = kubernetes.ready();
    Map<String, Object> body = new LinkedHashMap<>();
    List<String> unavailable = new ArrayList<>();
    if (!databaseReady) {
      unavailable.add("database");
    }
    if (!kubernetesReady) {
      unavailable.add("kubernetes");
    }
    if (unavailable.isEmpty()) {
      body.put("status", "ready");
    } else {
      // The same words as the 503s of the routes: "database unavailable", "kubernetes unavailable".
      body.put("error", String.join(" and ", unavailable) + " unavailable");
      ctx.status(503).header("Retry-After", "1");
    }
    body.put("database", databaseReady ? "ok" : "unavailable");
    body.put("kubernetes", kubernetesReady ? "ok" : "unavailable");
    ctx.json(body);
  }
}

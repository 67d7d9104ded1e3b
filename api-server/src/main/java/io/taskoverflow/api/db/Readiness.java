package io.taskoverflow.api.db;

import io.javalin.http.Context;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * {@code GET /api/v1/ready}: whether this pod can serve, which here means whether PostgreSQL
 * answers. Kubernetes stops routing to a pod that is not ready but does not restart it (liveness
 * stays {@code /health}), and the circuit learns of the outcome, so a database that comes back is
 * noticed even without traffic. One check runs at a time; callers meanwhile get the last outcome.
 */
public final class Readiness {

  private static final int VALIDATION_SECONDS = 1;

  private final DataSource dataSource;
  private final DatabaseCircuit circuit;
  private final AtomicBoolean checking = new AtomicBoolean();
  private volatile boolean lastReady;

  public Readiness(DataSource dataSource, DatabaseCircuit circuit) {
    this.dataSource = dataSource;
    this.circuit = circuit;
  }

  public void serve(Context ctx) {
    if (!ready()) {
      throw new DatabaseUnavailable(null);
    }
    ctx.json(Map.of("status", "ready", "database", "ok"));
  }

  boolean ready() {
    if (!checking.compareAndSet(false, true)) {
      return lastReady;
    }
    try {
      lastReady = check();
      return lastReady;
    } finally {
      checking.set(false);
    }
  }

  private boolean check() {
    try (Connection connection = dataSource.getConnection()) {
      if (connection.isValid(VALIDATION_SECONDS)) {
        circuit.succeeded();
        return true;
      }
    } catch (SQLException e) {
      // reported as not ready, below
    }
    circuit.failed();
    return false;
  }
}

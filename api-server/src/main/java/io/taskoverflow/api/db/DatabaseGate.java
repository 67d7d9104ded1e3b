package io.taskoverflow.api.db;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.ThreadPoolBulkhead;
import io.github.resilience4j.bulkhead.ThreadPoolBulkheadConfig;
import io.javalin.http.Handler;
import io.javalin.util.function.ThrowingRunnable;
import io.taskoverflow.api.health.Circuit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Runs the handlers that need PostgreSQL in a bulkhead (resilience4j's): threads of their own, as
 * many as the pool has connections, so that a slow or absent database can hold those threads but
 * never Jetty's: the health, readiness and export status endpoints keep answering. A request waits
 * at most the connection timeout in the queue and again for a connection; a full queue, a longer
 * wait, an unreachable database or an open {@link Circuit} answer 503 {@code database unavailable}.
 */
public final class DatabaseGate implements AutoCloseable {

  /** Requests that may wait per connection; beyond that a request is refused at once. */
  static final int QUEUED_PER_CONNECTION = 32;

  private final ThreadPoolBulkhead bulkhead;
  private final Circuit circuit;
  private final Duration maxWait;
  private final Clock clock;

  public DatabaseGate(int connections, Duration maxWait, Circuit circuit) {
    this(connections, maxWait, circuit, Clock.systemUTC());
  }

  DatabaseGate(int connections, Duration maxWait, Circuit circuit, Clock clock) {
    this.bulkhead =
        ThreadPoolBulkhead.of(
            "api-db",
            ThreadPoolBulkheadConfig.custom()
                .coreThreadPoolSize(connections)
                .maxThreadPoolSize(connections)
                .queueCapacity(connections * QUEUED_PER_CONNECTION)
                .build());
    this.circuit = circuit;
    this.maxWait = maxWait;
    this.clock = clock;
  }

  /** The handler, run through this gate. */
  public Handler guard(Handler handler) {
    return ctx -> {
      CompletableFuture<Void> work = submit(() -> handler.handle(ctx));
      ctx.future(() -> work);
    };
  }

  /**
   * Runs the work on a database thread; throws {@link DatabaseUnavailable} at once when the circuit
   * is open or the queue full, and the future fails with it when the work waited too long or the
   * database could not be reached.
   */
  public CompletableFuture<Void> submit(ThrowingRunnable<Exception> work) {
    if (!circuit.admit()) {
      throw new DatabaseUnavailable(null);
    }
    Instant queuedAt = clock.instant();
    try {
      return bulkhead.submit(() -> run(work, queuedAt)).toCompletableFuture();
    } catch (BulkheadFullException e) {
      throw new DatabaseUnavailable(null);
    }
  }

  private void run(ThrowingRunnable<Exception> work, Instant queuedAt) {
    // Also refused when the circuit opened while it waited.
    if (Duration.between(queuedAt, clock.instant()).compareTo(maxWait) > 0 || circuit.isOpen()) {
      throw new DatabaseUnavailable(null);
    }
    try {
      work.run();
      circuit.succeeded();
    } catch (Exception e) {
      if (DatabaseFailures.isUnavailable(e)) {
        circuit.failed();
        throw new DatabaseUnavailable(e);
      }
      // The database answered (a constraint, a 404) or was never asked (a 400).
      throw e instanceof RuntimeException runtime ? runtime : new CompletionException(e);
    }
  }

  @Override
  public void close() {
    try {
      bulkhead.close();
    } catch (Exception e) {
      throw new IllegalStateException("closing the database threads", e);
    }
  }
}

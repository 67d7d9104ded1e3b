package io.taskoverflow.api.db;

import io.javalin.http.Handler;
import io.javalin.util.function.ThrowingRunnable;
import io.taskoverflow.api.health.Circuit;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Runs the handlers that need PostgreSQL on threads of their own, as many as the pool has
 * connections, so that a slow or absent database can hold those threads but never Jetty's: the
 * health, readiness and export status endpoints keep answering. A request waits at most the
 * connection timeout in the queue and again for a connection; a full queue, a longer wait, an
 * unreachable database or an open {@link Circuit} answer 503 {@code database unavailable}.
 */
public final class DatabaseGate implements AutoCloseable {

  /** Requests that may wait per connection; beyond that a request is refused at once. */
  static final int QUEUED_PER_CONNECTION = 32;

  private final ThreadPoolExecutor executor;
  private final Circuit circuit;
  private final long maxWaitNanos;
  private final LongSupplier nanoClock;

  public DatabaseGate(int connections, Duration maxWait, Circuit circuit) {
    this(connections, maxWait, circuit, System::nanoTime);
  }

  DatabaseGate(int connections, Duration maxWait, Circuit circuit, LongSupplier nanoClock) {
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        new ThreadPoolExecutor(
            connections,
            connections,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(connections * QUEUED_PER_CONNECTION),
            runnable -> {
              Thread thread = new Thread(runnable, "api-db-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    this.circuit = circuit;
    this.maxWaitNanos = maxWait.toNanos();
    this.nanoClock = nanoClock;
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
    long queuedAt = nanoClock.getAsLong();
    try {
      return CompletableFuture.runAsync(() -> run(work, queuedAt), executor);
    } catch (RejectedExecutionException e) {
      throw new DatabaseUnavailable(null);
    }
  }

  private void run(ThrowingRunnable<Exception> work, long queuedAt) {
    // Also refused when the circuit opened while it waited.
    if (nanoClock.getAsLong() - queuedAt > maxWaitNanos || circuit.isOpen()) {
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
    executor.shutdownNow();
  }
}

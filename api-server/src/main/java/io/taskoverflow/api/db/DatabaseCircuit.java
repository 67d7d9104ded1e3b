package io.taskoverflow.api.db;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers that the database was unreachable, so that requests fail at once instead of each
 * waiting out the connection timeout. While it is open, one request at a time, at most once per
 * retry interval, is let through as a probe; the first success (a probe's, or the readiness
 * check's) closes it again. Recovery needs no restart.
 */
public final class DatabaseCircuit {

  /** What a request may do. */
  public enum Admission {
    /** The database looks fine. */
    ADMITTED,
    /** The database looked down; this request tries whether it is back. */
    PROBE,
    /** The database is down: answer 503 without touching it. */
    REJECTED
  }

  private static final Logger LOG = LoggerFactory.getLogger(DatabaseCircuit.class);
  private static final long CLOSED = Long.MIN_VALUE;

  private final long retryNanos;
  private final LongSupplier nanoClock;
  private final AtomicLong lastFailure = new AtomicLong(CLOSED);
  private final AtomicBoolean probing = new AtomicBoolean();

  public DatabaseCircuit(Duration retryInterval) {
    this(retryInterval, System::nanoTime);
  }

  DatabaseCircuit(Duration retryInterval, LongSupplier nanoClock) {
    this.retryNanos = retryInterval.toNanos();
    this.nanoClock = nanoClock;
  }

  public Admission admit() {
    long failedAt = lastFailure.get();
    if (failedAt == CLOSED) {
      return Admission.ADMITTED;
    }
    if (nanoClock.getAsLong() - failedAt >= retryNanos && probing.compareAndSet(false, true)) {
      return Admission.PROBE;
    }
    return Admission.REJECTED;
  }

  public boolean isOpen() {
    return lastFailure.get() != CLOSED;
  }

  /** The database answered. */
  public void succeeded() {
    if (lastFailure.getAndSet(CLOSED) != CLOSED) {
      LOG.info("The database answers again");
    }
    probing.set(false);
  }

  /** No connection could be had or kept. */
  public void failed() {
    if (lastFailure.getAndSet(nanoClock.getAsLong()) == CLOSED) {
      LOG.warn("The database is unavailable; answering 503 until it answers again");
    }
    probing.set(false);
  }

  /** A probe ended without telling (it never reached the database): let another try. */
  public void released(Admission admission) {
    if (admission == Admission.PROBE) {
      probing.set(false);
    }
  }
}

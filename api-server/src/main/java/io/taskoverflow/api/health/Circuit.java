package io.taskoverflow.api.health;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers that a dependency (PostgreSQL, the Kubernetes API) was unreachable, so that requests
 * fail at once instead of each waiting out a timeout. While it is open no request touches the
 * dependency, not even as a probe (a client that asks once a second would otherwise pay the timeout
 * every time): a background check, at most once per retry interval, finds out when it is back and
 * closes it. Recovery needs no restart, and each change of state is logged once, however many
 * requests it turns away.
 */
public final class Circuit {

  /** Returns when the dependency answered; throws when it did not. */
  @FunctionalInterface
  public interface Check {
    void run() throws Exception;
  }

  private static final Logger LOG = LoggerFactory.getLogger(Circuit.class);
  private static final long CLOSED = Long.MIN_VALUE;

  private final String dependency;
  private final long retryNanos;
  private final Check check;
  private final LongSupplier nanoClock;
  private final Executor background;
  private final AtomicLong lastFailure = new AtomicLong(CLOSED);
  private final AtomicBoolean checking = new AtomicBoolean();

  /**
   * @param dependency what the log calls it, e.g. "The database"
   * @param check a cheap request, bounded in time, that succeeds when the dependency answers
   */
  public Circuit(String dependency, Duration retryInterval, Check check) {
    this(dependency, retryInterval, check, System::nanoTime, daemonThread(dependency));
  }

  public Circuit(
      String dependency,
      Duration retryInterval,
      Check check,
      LongSupplier nanoClock,
      Executor background) {
    this.dependency = dependency;
    this.retryNanos = retryInterval.toNanos();
    this.check = check;
    this.nanoClock = nanoClock;
    this.background = background;
  }

  /** Whether a request may use the dependency; when not, it answers 503 without touching it. */
  public boolean admit() {
    if (!isOpen()) {
      return true;
    }
    checkInBackgroundWhenDue();
    return false;
  }

  public boolean isOpen() {
    return lastFailure.get() != CLOSED;
  }

  /**
   * For the readiness endpoint: while open, no at once; while closed, a check (one at a time;
   * meanwhile callers hear that it is closed), whose failure opens the circuit.
   */
  public boolean ready() {
    if (isOpen()) {
      checkInBackgroundWhenDue();
      return false;
    }
    if (checking.compareAndSet(false, true)) {
      try {
        runCheck();
      } finally {
        checking.set(false);
      }
    }
    return !isOpen();
  }

  /** The dependency answered. */
  public void succeeded() {
    if (lastFailure.getAndSet(CLOSED) != CLOSED) {
      LOG.info("{} answers again", dependency);
    }
  }

  /** The dependency did not answer. */
  public void failed() {
    if (lastFailure.getAndSet(nanoClock.getAsLong()) == CLOSED) {
      LOG.warn("{} is unavailable; answering 503 until it answers again", dependency);
    }
  }

  private void checkInBackgroundWhenDue() {
    long failedAt = lastFailure.get();
    if (failedAt != CLOSED
        && nanoClock.getAsLong() - failedAt >= retryNanos
        && checking.compareAndSet(false, true)) {
      background.execute(
          () -> {
            try {
              runCheck();
            } finally {
              checking.set(false);
            }
          });
    }
  }

  private void runCheck() {
    try {
      check.run();
      succeeded();
    } catch (Exception e) {
      failed();
    }
  }

  private static Executor daemonThread(String dependency) {
    return Executors.newSingleThreadExecutor(
        runnable -> {
          Thread thread = new Thread(runnable, "circuit-" + dependency.replace(' ', '-'));
          thread.setDaemon(true);
          return thread;
        });
  }
}

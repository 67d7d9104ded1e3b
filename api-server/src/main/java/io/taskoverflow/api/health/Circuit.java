package io.taskoverflow.api.health;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers that a dependency (PostgreSQL, the Kubernetes API) was unreachable, so that requests
 * fail at once instead of each waiting out a timeout. A resilience4j circuit breaker that opens at
 * the first failure; what this class adds is that no request is ever its half-open trial (a client
 * that asks once a second would otherwise pay the timeout every time): the trial is a background
 * check, at most once per retry interval, that closes the breaker when the dependency is back.
 * Recovery needs no restart, and each change of state is logged once, however many requests it
 * turns away.
 */
public final class Circuit {

  /** Returns when the dependency answered; throws when it did not. */
  @FunctionalInterface
  public interface Check {
    void run() throws Exception;
  }

  private static final Logger LOG = LoggerFactory.getLogger(Circuit.class);

  private final CircuitBreaker breaker;
  private final Check check;
  private final Executor background;
  private final AtomicBoolean checking = new AtomicBoolean();

  /**
   * @param dependency what the log calls it, e.g. "The database"
   * @param check a cheap request, bounded in time, that succeeds when the dependency answers
   */
  public Circuit(String dependency, Duration retryInterval, Check check) {
    this(dependency, retryInterval, check, Clock.systemUTC(), daemonThread(dependency));
  }

  public Circuit(
      String dependency, Duration retryInterval, Check check, Clock clock, Executor background) {
    this.breaker =
        CircuitBreaker.of(
            dependency,
            CircuitBreakerConfig.custom()
                .slidingWindow(1, 1, SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(100)
                .waitDurationInOpenState(retryInterval)
                .permittedNumberOfCallsInHalfOpenState(1)
                .clock(clock)
                .build());
    this.check = check;
    this.background = background;
    breaker
        .getEventPublisher()
        .onStateTransition(
            event -> {
              State to = event.getStateTransition().getToState();
              State from = event.getStateTransition().getFromState();
              if (from == State.CLOSED && to == State.OPEN) {
                LOG.warn("{} is unavailable; answering 503 until it answers again", dependency);
              } else if (to == State.CLOSED) {
                LOG.info("{} answers again", dependency);
              }
            });
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
    return breaker.getState() != State.CLOSED;
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

  /**
   * The dependency answered: whatever the breaker's state, it is closed now. A closed breaker has
   * nothing to record: its one-call window only ever holds the failure that opens it.
   */
  public void succeeded() {
    if (isOpen()) {
      breaker.transitionToClosedState();
    }
  }

  /** The dependency did not answer. */
  public void failed() {
    breaker.onError(0, TimeUnit.NANOSECONDS, new DependencyUnavailable());
  }

  /**
   * Once the breaker lets its one half-open trial through (retry interval over), the check is it.
   */
  private void checkInBackgroundWhenDue() {
    if (breaker.getState() == State.OPEN && breaker.tryAcquirePermission()) {
      background.execute(this::runCheck);
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

  /** What the breaker records for a failure; the cause is logged where it happened. */
  private static final class DependencyUnavailable extends Exception {
    DependencyUnavailable() {
      super(null, null, false, false);
    }
  }
}

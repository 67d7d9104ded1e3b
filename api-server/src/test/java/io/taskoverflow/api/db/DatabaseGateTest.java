package io.taskoverflow.api.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskoverflow.api.TestClock;
import io.taskoverflow.api.health.Circuit;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DatabaseGateTest {

  private static final Duration MAX_WAIT = Duration.ofSeconds(1);

  private final TestClock now = new TestClock();
  private final AtomicBoolean databaseAnswers = new AtomicBoolean();
  private final Circuit circuit =
      new Circuit(
          "The database",
          Duration.ofSeconds(1),
          () -> {
            if (!databaseAnswers.get()) {
              throw new SQLTransientConnectionException("still down");
            }
          },
          now,
          Runnable::run);
  private final DatabaseGate gate = new DatabaseGate(1, MAX_WAIT, circuit, now);
  private final AtomicInteger ran = new AtomicInteger();
  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch running = new CountDownLatch(1);

  @AfterEach
  void close() {
    release.countDown();
    gate.close();
  }

  @Test
  void afterTheDatabaseWasFoundUnreachableWorkIsRefusedWithoutRunning() {
    CompletableFuture<Void> first = gate.submit(unreachable());

    assertThat(failureOf(first)).isInstanceOf(DatabaseUnavailable.class);
    assertThatThrownBy(() -> gate.submit(counted())).isInstanceOf(DatabaseUnavailable.class);
    assertThat(ran.get()).isEqualTo(1);
  }

  @Test
  void requestsNeverProbeAnAbsentDatabaseTheCircuitsOwnCheckFindsItBack() throws Exception {
    failureOf(gate.submit(unreachable()));
    now.advance(Duration.ofMillis(1001));
    assertThatThrownBy(() -> gate.submit(counted())).isInstanceOf(DatabaseUnavailable.class);
    now.advance(Duration.ofMillis(1001));
    databaseAnswers.set(true);

    assertThatThrownBy(() -> gate.submit(counted())).isInstanceOf(DatabaseUnavailable.class);
    gate.submit(counted()).get();

    assertThat(ran.get()).isEqualTo(2);
    assertThat(circuit.isOpen()).isFalse();
  }

  @Test
  void aStatementThatFailsLeavesTheGateOpen() throws Exception {
    CompletableFuture<Void> duplicate =
        gate.submit(
            () -> {
              throw new SQLException("duplicate key", "23505");
            });

    assertThat(failureOf(duplicate)).isInstanceOf(SQLException.class);
    gate.submit(counted()).get();
    assertThat(circuit.isOpen()).isFalse();
  }

  @Test
  void aFullQueueRefusesAtOnce() throws InterruptedException {
    gate.submit(blocked());
    running.await();
    List<CompletableFuture<Void>> queued = new ArrayList<>();
    for (int i = 0; i < DatabaseGate.QUEUED_PER_CONNECTION; i++) {
      queued.add(gate.submit(counted()));
    }

    assertThatThrownBy(() -> gate.submit(counted())).isInstanceOf(DatabaseUnavailable.class);
    release.countDown();
    CompletableFuture.allOf(queued.toArray(CompletableFuture[]::new)).join();
    assertThat(ran.get()).isEqualTo(1 + DatabaseGate.QUEUED_PER_CONNECTION);
  }

  @Test
  void workThatWaitedLongerThanTheConnectionTimeoutIsNotRun() throws InterruptedException {
    gate.submit(blocked());
    CompletableFuture<Void> waiting = gate.submit(counted());
    running.await();

    now.advance(MAX_WAIT.plusNanos(1));
    release.countDown();

    assertThat(failureOf(waiting)).isInstanceOf(DatabaseUnavailable.class);
    assertThat(ran.get()).isEqualTo(1);
  }

  private io.javalin.util.function.ThrowingRunnable<Exception> unreachable() {
    return () -> {
      ran.incrementAndGet();
      throw new IllegalStateException(
          "could not list todos",
          new SQLTransientConnectionException("api-server - Connection is not available"));
    };
  }

  private io.javalin.util.function.ThrowingRunnable<Exception> counted() {
    return ran::incrementAndGet;
  }

  private io.javalin.util.function.ThrowingRunnable<Exception> blocked() {
    return () -> {
      ran.incrementAndGet();
      running.countDown();
      release.await();
    };
  }

  private static Throwable failureOf(CompletableFuture<Void> future) {
    try {
      future.get();
      throw new AssertionError("the work did not fail");
    } catch (ExecutionException e) {
      return e.getCause() instanceof java.util.concurrent.CompletionException c
          ? c.getCause()
          : e.getCause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}

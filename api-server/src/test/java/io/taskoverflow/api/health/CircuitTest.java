package io.taskoverflow.api.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoverflow.api.TestClock;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CircuitTest {

  private final TestClock now = new TestClock();
  private final AtomicBoolean answers = new AtomicBoolean(true);
  private final AtomicInteger checks = new AtomicInteger();
  private final Circuit circuit =
      new Circuit(
          "The database",
          Duration.ofSeconds(1),
          () -> {
            checks.incrementAndGet();
            if (!answers.get()) {
              throw new IOException("down");
            }
          },
          now,
          Runnable::run);

  @Test
  void aHealthyDependencyAdmitsEveryRequestWithoutChecking() {
    assertThat(circuit.admit()).isTrue();
    assertThat(circuit.admit()).isTrue();
    assertThat(circuit.isOpen()).isFalse();
    assertThat(checks.get()).isZero();
  }

  @Test
  void afterAFailureRequestsAreRefusedAndNothingIsCheckedUntilTheRetryIntervalHasPassed() {
    circuit.failed();

    assertThat(circuit.isOpen()).isTrue();
    assertThat(circuit.admit()).isFalse();
    now.advance(Duration.ofMillis(999));
    assertThat(circuit.admit()).isFalse();
    assertThat(checks.get()).isZero();
  }

  @Test
  void onceTheIntervalHasPassedTheCheckRunsInTheBackgroundAndTheRequestIsStillRefused() {
    answers.set(false);
    circuit.failed();
    now.advance(Duration.ofMillis(1001));

    assertThat(circuit.admit()).isFalse();
    assertThat(checks.get()).isEqualTo(1);
    assertThat(circuit.admit()).isFalse();
    assertThat(checks.get()).as("a failed check starts the interval again").isEqualTo(1);

    answers.set(true);
    now.advance(Duration.ofMillis(1001));
    assertThat(circuit.admit()).isFalse();
    assertThat(circuit.isOpen()).isFalse();
    assertThat(circuit.admit()).isTrue();
  }

  @Test
  void readinessChecksAClosedCircuitAndAnswersAnOpenOneAtOnce() {
    assertThat(circuit.ready()).isTrue();
    assertThat(checks.get()).isEqualTo(1);

    answers.set(false);
    assertThat(circuit.ready()).isFalse();
    assertThat(circuit.isOpen()).isTrue();
    assertThat(circuit.ready()).isFalse();
    assertThat(checks.get()).isEqualTo(2);
  }

  @Test
  void aSuccessClosesTheCircuit() {
    circuit.failed();

    circuit.succeeded();

    assertThat(circuit.isOpen()).isFalse();
    assertThat(circuit.admit()).isTrue();
  }
}

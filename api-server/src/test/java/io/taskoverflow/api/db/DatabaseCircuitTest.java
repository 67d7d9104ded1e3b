package io.taskoverflow.api.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoverflow.api.db.DatabaseCircuit.Admission;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DatabaseCircuitTest {

  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final DatabaseCircuit circuit = new DatabaseCircuit(Duration.ofSeconds(1), now::get);

  @Test
  void aHealthyDatabaseAdmitsEveryRequest() {
    assertThat(circuit.admit()).isEqualTo(Admission.ADMITTED);
    assertThat(circuit.admit()).isEqualTo(Admission.ADMITTED);
    assertThat(circuit.isOpen()).isFalse();
  }

  @Test
  void afterAFailureRequestsAreRejectedUntilTheRetryIntervalHasPassed() {
    circuit.failed();

    assertThat(circuit.isOpen()).isTrue();
    assertThat(circuit.admit()).isEqualTo(Admission.REJECTED);
    now.addAndGet(Duration.ofMillis(999).toNanos());
    assertThat(circuit.admit()).isEqualTo(Admission.REJECTED);
  }

  @Test
  void onceTheIntervalHasPassedOneRequestAtATimeProbes() {
    circuit.failed();
    now.addAndGet(Duration.ofSeconds(1).toNanos());

    assertThat(circuit.admit()).isEqualTo(Admission.PROBE);
    assertThat(circuit.admit()).isEqualTo(Admission.REJECTED);
  }

  @Test
  void aFailedProbeStartsTheIntervalAgain() {
    circuit.failed();
    now.addAndGet(Duration.ofSeconds(1).toNanos());
    assertThat(circuit.admit()).isEqualTo(Admission.PROBE);

    circuit.failed();

    assertThat(circuit.admit()).isEqualTo(Admission.REJECTED);
    now.addAndGet(Duration.ofSeconds(1).toNanos());
    assertThat(circuit.admit()).isEqualTo(Admission.PROBE);
  }

  @Test
  void aProbeThatNeverReachedTheDatabaseLetsTheNextOneTry() {
    circuit.failed();
    now.addAndGet(Duration.ofSeconds(1).toNanos());
    Admission probe = circuit.admit();

    circuit.released(probe);

    assertThat(circuit.admit()).isEqualTo(Admission.PROBE);
  }

  @Test
  void aSuccessClosesTheCircuit() {
    circuit.failed();

    circuit.succeeded();

    assertThat(circuit.isOpen()).isFalse();
    assertThat(circuit.admit()).isEqualTo(Admission.ADMITTED);
  }
}

package io.taskoverflow.operator.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.status.CalendarExportStatus;
import io.taskoverflow.model.status.ExportPhase;
import io.taskoverflow.operator.ExportObjects;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KnownFailuresTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  @Test
  void anInvalidJobIsRecognisedEvenInsideJosdksAggregatedException() {
    KubernetesClientException invalid =
        new KubernetesClientException(
            new StatusBuilder().withCode(422).withReason("Invalid").withMessage("bad cpu").build());
    Exception wrapped =
        new AggregatedOperatorException(
            "workflow failed", Map.of("job", new RuntimeException(invalid)));

    assertThat(KnownFailures.recognise(wrapped))
        .get()
        .isInstanceOf(InvalidJobException.class)
        .satisfies(known -> assertThat(known.retryable()).isFalse());
  }

  @Test
  void aTakenJobNameIsRecognisedAndRetried() {
    KubernetesClientException exists =
        new KubernetesClientException(
            new StatusBuilder()
                .withCode(409)
                .withReason("AlreadyExists")
                .withNewDetails()
                .withName("weekly")
                .endDetails()
                .build());

    assertThat(KnownFailures.recognise(exists))
        .get()
        .isInstanceOf(ForeignJobException.class)
        .satisfies(known -> assertThat(known.retryable()).isTrue());
    assertThat(KnownFailures.isConflict(exists)).isFalse();
  }

  @Test
  void aServerSideApplyCreateFindingTheJobNameTakenIsRecognisedAsATakenName() {
    // JOSDK creates with resourceVersion 1: the API server answers Conflict, not AlreadyExists.
    KubernetesClientException taken =
        new KubernetesClientException(
            new StatusBuilder()
                .withCode(409)
                .withReason("Conflict")
                .withNewDetails()
                .withGroup("batch")
                .withKind("jobs")
                .withName("weekly")
                .endDetails()
                .build());

    assertThat(KnownFailures.recognise(taken))
        .get()
        .isInstanceOf(ForeignJobException.class)
        .satisfies(known -> assertThat(known.getMessage()).contains("Job weekly"));
    assertThat(KnownFailures.isConflict(taken)).isFalse();
  }

  @Test
  void aConflictWritingTheExportIsAConflictAndNothingElse() {
    KubernetesClientException stale =
        new KubernetesClientException(
            new StatusBuilder()
                .withCode(409)
                .withReason("Conflict")
                .withNewDetails()
                .withGroup("taskoverflow.io")
                .withKind("calendarexports")
                .withName("weekly")
                .endDetails()
                .build());

    assertThat(KnownFailures.isConflict(stale)).isTrue();
    assertThat(KnownFailures.recognise(stale)).isEmpty();
  }

  @Test
  void anOptimisticLockConflictIsAConflictAndNothingElse() {
    KubernetesClientException conflict =
        new KubernetesClientException(
            new StatusBuilder().withCode(409).withReason("Conflict").build());

    assertThat(KnownFailures.isConflict(new RuntimeException(conflict))).isTrue();
    assertThat(KnownFailures.recognise(conflict)).isEmpty();
  }

  @Test
  void unknownFailuresAreLeftToJosdksRetry() {
    assertThat(KnownFailures.recognise(new IllegalStateException("surprise"))).isEmpty();
  }

  @Test
  void aRetryableFailureIsDescribedWithoutEndingTheExport() {
    CalendarExport export = export();

    KnownFailures.describe(export, new ForeignJobException("weekly"), NOW);

    CalendarExportStatus status = export.getStatus();
    assertThat(status.getPhase()).isEqualTo(ExportPhase.PENDING);
    assertThat(status.getMessage()).contains("does not belong to this export");
    assertThat(status.getConditions().get(0).getStatus()).isEqualTo("Unknown");
    assertThat(status.getConditions().get(0).getReason()).isEqualTo("JobNameTaken");
  }

  @Test
  void aFailureRetryingCannotFixEndsTheExportAsFailed() {
    CalendarExport export = export();

    KnownFailures.describe(export, new InvalidJobException("spec.template: invalid"), NOW);

    CalendarExportStatus status = export.getStatus();
    assertThat(status.getPhase()).isEqualTo(ExportPhase.FAILED);
    assertThat(status.getCompletionTime()).isEqualTo("2026-03-01T12:00:00Z");
    assertThat(status.getConditions().get(0).getStatus()).isEqualTo("False");
    assertThat(status.getConditions().get(0).getReason()).isEqualTo("InvalidJob");
  }

  private static CalendarExport export() {
    return ExportObjects.export("weekly", null);
  }
}

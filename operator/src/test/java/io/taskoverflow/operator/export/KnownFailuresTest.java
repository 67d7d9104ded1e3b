package io.taskoverflow.operator.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.status.CalendarExportStatus;
import io.taskoverflow.model.status.ExportPhase;
import io.taskoverflow.operator.ExportObjects;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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
    KubernetesClientException exists = conflict409("AlreadyExists", null, null);

    assertThat(KnownFailures.recognise(exists))
        .get()
        .isInstanceOf(ForeignJobException.class)
        .satisfies(known -> assertThat(known.retryable()).isTrue());
    assertThat(KnownFailures.isConflict(exists)).isFalse();
  }

  @Test
  void aServerSideApplyCreateFindingTheJobNameTakenIsRecognisedAsATakenName() {
    // JOSDK creates with resourceVersion 1: the API server answers Conflict, not AlreadyExists.
    KubernetesClientException taken = conflict409("Conflict", "batch", "jobs");

    assertThat(KnownFailures.recognise(taken))
        .get()
        .isInstanceOf(ForeignJobException.class)
        .satisfies(known -> assertThat(known.getMessage()).contains("Job weekly"));
    assertThat(KnownFailures.isConflict(taken)).isFalse();
  }

  @Test
  void aConflictWritingTheExportIsAConflictAndNothingElse() {
    KubernetesClientException stale = conflict409("Conflict", "taskoverflow.io", "calendarexports");

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

  static Stream<Arguments> describedFailures() {
    return Stream.of(
        argumentSet(
            "a retryable failure is described without ending the export",
            new ForeignJobException("weekly"),
            ExportPhase.PENDING,
            "does not belong to this export",
            null,
            "Unknown",
            "JobNameTaken"),
        argumentSet(
            "a failure retrying cannot fix ends the export as failed",
            new InvalidJobException("spec.template: invalid"),
            ExportPhase.FAILED,
            "spec.template: invalid",
            "2026-03-01T12:00:00Z",
            "False",
            "InvalidJob"));
  }

  @ParameterizedTest
  @MethodSource("describedFailures")
  void aKnownFailureIsWrittenIntoTheStatus(
      ExportException failure,
      ExportPhase phase,
      String message,
      String completionTime,
      String conditionStatus,
      String reason) {
    CalendarExport export = ExportObjects.export("weekly", null);

    KnownFailures.describe(export, failure, NOW);

    CalendarExportStatus status = export.getStatus();
    assertThat(status.getPhase()).isEqualTo(phase);
    assertThat(status.getMessage()).contains(message);
    assertThat(status.getCompletionTime()).isEqualTo(completionTime);
    assertThat(status.getConditions().get(0))
        .extracting(Condition::getStatus, Condition::getReason)
        .containsExactly(conditionStatus, reason);
  }

  /** What the API server answers, HTTP 409, about "weekly" of the group and kind. */
  private static KubernetesClientException conflict409(String reason, String group, String kind) {
    return new KubernetesClientException(
        new StatusBuilder()
            .withCode(409)
            .withReason(reason)
            .withNewDetails()
            .withGroup(group)
            .withKind(kind)
            .withName("weekly")
            .endDetails()
            .build());
  }
}

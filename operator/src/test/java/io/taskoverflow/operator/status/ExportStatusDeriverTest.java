package io.taskoverflow.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.taskoverflow.calendars.StoredCalendars.ReusableCalendar;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.job.GeneratorReport;
import io.taskoverflow.model.job.ResultLocation;
import io.taskoverflow.model.status.CalendarExportStatus;
import io.taskoverflow.model.status.ExportPhase;
import io.taskoverflow.operator.ExportObjects;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ExportStatusDeriverTest {

  private static final UUID UID = UUID.fromString("0b7e6c2a-1f4d-4c59-8d0e-5a9f3b2c1d7e");
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final String SHA = "f".repeat(64);
  private static final String STARTED_AT = "2026-03-01T11:59:00Z";
  private static final String FINISHED_AT = "2026-03-01T11:59:40Z";

  private final ExportStatusDeriver deriver = new ExportStatusDeriver();

  @Test
  void withoutAJobTheExportIsPending() {
    CalendarExportStatus status = derive(null);

    assertThat(status.getPhase()).isEqualTo(ExportPhase.PENDING);
    assertThat(status.getJobName()).isNull();
    assertThat(status.getAttempts()).isZero();
    assertThat(succeeded(status).getStatus()).isEqualTo("Unknown");
  }

  @Test
  void aSuspendedJobIsQueuedAndPending() {
    Job queued = job().withNewSpec().withSuspend(true).endSpec().build();

    CalendarExportStatus status = derive(queued);

    assertThat(status.getPhase()).isEqualTo(ExportPhase.PENDING);
    assertThat(status.getMessage()).startsWith("Queued");
    assertSucceededCondition(status, "Unknown", CalendarExportStatus.QUEUED_REASON);
    assertThat(status.getAttempts()).isZero();
  }

  @Test
  void anAdmittedJobWithoutAPodIsPendingButNotQueued() {
    Job admitted = job().withNewSpec().withSuspend(false).endSpec().build();

    CalendarExportStatus status = derive(admitted);

    assertThat(status.getPhase()).isEqualTo(ExportPhase.PENDING);
    assertThat(succeeded(status).getReason()).isEqualTo("Pending");
  }

  @Test
  void aJobWhosePodHasNotStartedIsPendingWithNoAttemptYet() {
    CalendarExportStatus status = derive(activeJob(), pod("Pending"));

    assertThat(status.getPhase()).isEqualTo(ExportPhase.PENDING);
    assertThat(status.getJobName()).isEqualTo("weekly");
    assertThat(status.getAttempts()).isZero();
    assertThat(status.getStartTime()).isNull();
  }

  @Test
  void aRunningPodMeansRunning() {
    CalendarExportStatus status = derive(activeJob(), running("2026-03-01T11:59:00Z"));

    assertThat(status.getPhase()).isEqualTo(ExportPhase.RUNNING);
    assertThat(status.getStartTime()).isEqualTo("2026-03-01T11:59:00Z");
    assertThat(status.getAttempts()).isEqualTo(1);
    assertSucceededCondition(status, "Unknown", "Running");
  }

  @Test
  void aPodThatExitedZeroWithItsSummaryMeansSucceededBeforeTheJobIsComplete() {
    Pod done = succeededPod(7, 1, 90);
    Job stillActive = activeJob();

    CalendarExportStatus status = derive(stillActive, done);

    assertThat(status.getPhase()).isEqualTo(ExportPhase.SUCCEEDED);
    assertThat(status.getCompletionTime()).isEqualTo(FINISHED_AT);
    assertThat(status.getResult().events()).isEqualTo(7);
    assertThat(status.getResult().sha256()).isEqualTo(SHA);
    assertThat(succeeded(status).getStatus()).isEqualTo("True");
    assertThat(status.getAttempts()).isEqualTo(1);
  }

  @Test
  void aPodThatExitedZeroWithoutAValidSummaryWaitsForTheJobInsteadOfSucceeding() {
    Pod done = terminated("Succeeded", 0, "not json");
    CalendarExportStatus status = derive(job().withNewStatus().endStatus().build(), done);

    assertThat(status.getPhase()).isEqualTo(ExportPhase.RUNNING);
    assertThat(succeeded(status).getStatus()).isEqualTo("Unknown");
  }

  @Test
  void aFailedPodWhileTheJobIsActiveMeansRetryingWithTheGeneratorsMessage() {
    Pod failed = failedPod(1, "connection refused");
    CalendarExportStatus status = derive(jobWith(1, 1), failed, running("2026-03-01T11:59:30Z"));

    assertThat(status.getPhase()).isEqualTo(ExportPhase.RETRYING);
    assertThat(status.getMessage()).contains("Attempt 1 failed: connection refused");
    assertThat(status.getAttempts()).isEqualTo(2);
    assertThat(succeeded(status).getStatus()).isEqualTo("Unknown");
  }

  @Test
  void aPodRemovedBeforeItsGeneratorStartedIsNoAttemptAndNoRetry() {
    // What the Job's deadline or an eviction leaves: counted failed by the Job, never ran.
    Pod neverRan = pod("Failed");
    CalendarExportStatus status = derive(jobWith(0, 1), neverRan);

    assertThat(status.getPhase()).isEqualTo(ExportPhase.PENDING);
    assertThat(status.getMessage()).doesNotContain("Attempt");
    assertThat(status.getAttempts()).isZero();
  }

  @Test
  void aPermanentExitIsFailedAtOnceWhileTheJobHasNotSaidSoYet() {
    Pod failed = failedPod(2, "calendar exceeds 100 bytes");
    CalendarExportStatus status = derive(jobWith(0, 1), failed);

    assertThat(status.getPhase()).isEqualTo(ExportPhase.FAILED);
    assertThat(status.getMessage()).isEqualTo("PodFailurePolicy: calendar exceeds 100 bytes");
    assertThat(status.getCompletionTime()).isEqualTo(FINISHED_AT);
    assertSucceededCondition(status, "False", "PodFailurePolicy");
  }

  @Test
  void aFailureTargetIsNotFinalWhileTheGeneratorStillRuns() {
    Job failing =
        job()
            .withNewStatus()
            .withActive(1)
            .withConditions(failureTarget("DeadlineExceeded").build())
            .endStatus()
            .build();

    CalendarExportStatus status = derive(failing, pod("Running"));

    assertThat(status.getPhase()).isNotEqualTo(ExportPhase.FAILED);
  }

  @Test
  void aFailureTargetIsFinalBeforeTheJobSaysFailed() {
    Job failing =
        job()
            .withNewStatus()
            .withFailed(1)
            .withConditions(
                failureTarget("DeadlineExceeded")
                    .withMessage("Job was active longer than specified deadline")
                    .withLastTransitionTime("2026-03-01T11:57:00Z")
                    .build())
            .endStatus()
            .build();

    CalendarExportStatus status = derive(failing, pod("Failed"));

    assertThat(status.getPhase()).isEqualTo(ExportPhase.FAILED);
    assertThat(status.getMessage())
        .isEqualTo("DeadlineExceeded: Job was active longer than specified deadline");
    assertThat(status.getCompletionTime()).isEqualTo("2026-03-01T11:57:00Z");
  }

  @Test
  void aCompleteJobMeansSucceededWithTheResultFromTheTerminationMessage() {
    Pod done = succeededPod(40, 2, 9000);
    CalendarExportStatus status = derive(completeJob("2026-03-01T11:59:50Z"), done);

    assertThat(status.getPhase()).isEqualTo(ExportPhase.SUCCEEDED);
    // When the generator ended, not when the Job controller noticed.
    assertThat(status.getCompletionTime()).isEqualTo(FINISHED_AT);
    assertThat(status.getResult().location()).isEqualTo("postgresql:calendar_results/" + UID);
    assertThat(status.getResult().contentType()).isEqualTo("text/calendar; charset=utf-8");
    assertThat(status.getResult().sizeBytes()).isEqualTo(9000);
    assertThat(status.getResult().sha256()).isEqualTo(SHA);
    assertThat(status.getResult().events()).isEqualTo(40);
    assertThat(status.getResult().skipped()).isEqualTo(2);
    assertThat(succeeded(status).getStatus()).isEqualTo("True");
  }

  @Test
  void aCompleteJobWithoutAReportStillPointsAtTheStoredCalendar() {
    CalendarExportStatus status = derive(completeJob("2026-03-01T11:59:50Z"));

    assertThat(status.getPhase()).isEqualTo(ExportPhase.SUCCEEDED);
    assertThat(status.getResult().location()).isEqualTo(ResultLocation.of(UID));
    assertThat(status.getMessage()).contains("without a summary");
  }

  @Test
  void aJobThatExceededItsBackoffLimitFailsWithTheLastGeneratorMessage() {
    Pod failed = failedPod(1, "database unreachable");
    CalendarExportStatus status =
        derive(
            failedJob("BackoffLimitExceeded", "Job has reached the specified backoff limit"),
            failed);

    assertThat(status.getPhase()).isEqualTo(ExportPhase.FAILED);
    assertThat(status.getMessage()).isEqualTo("BackoffLimitExceeded: database unreachable");
    assertThat(status.getCompletionTime()).isEqualTo("2026-03-01T11:58:00Z");
    assertSucceededCondition(status, "False", "BackoffLimitExceeded");
  }

  @Test
  void aPermanentErrorFailsThroughThePodFailurePolicy() {
    Pod failed = failedPod(2, "window must not be negative");
    CalendarExportStatus status = derive(failedJob("PodFailurePolicy", "exit code 2"), failed);

    assertThat(status.getMessage()).isEqualTo("PodFailurePolicy: window must not be negative");
    assertThat(succeeded(status).getReason()).isEqualTo("PodFailurePolicy");
  }

  @Test
  void aDeadlineWithoutAGeneratorMessageFallsBackToTheJobsMessage() {
    CalendarExportStatus status =
        derive(failedJob("DeadlineExceeded", "Job was active longer than specified deadline"));

    assertThat(status.getPhase()).isEqualTo(ExportPhase.FAILED);
    assertThat(status.getMessage())
        .isEqualTo("DeadlineExceeded: Job was active longer than specified deadline");
  }

  @Test
  void aKilledPodWithoutMessageIsDescribedByItsExitCode() {
    Pod killed = terminated("Failed", 137, null);
    CalendarExportStatus status = derive(failedJob("BackoffLimitExceeded", "limit"), killed);

    assertThat(status.getMessage()).isEqualTo("BackoffLimitExceeded: exit code 137");
  }

  @Test
  void aCancelledExportIsCancelledWhateverItsJobDoes() {
    CalendarExport export = export();
    export.getSpec().setCancelled(true);

    CalendarExportStatus status =
        deriver.derive(export, activeJob(), List.of(running("2026-03-01T11:59:00Z")), NOW);

    assertThat(status.getPhase()).isEqualTo(ExportPhase.CANCELLED);
    assertThat(status.getCompletionTime()).isEqualTo("2026-03-01T12:00:00Z");
    assertSucceededCondition(status, "False", "Cancelled");
  }

  @Test
  void aFinishedExportNeverChangesAgain() {
    Pod done = succeededPod(1, 0, 5);
    CalendarExport export = export();
    export.setStatus(
        deriver.derive(export, completeJob("2026-03-01T11:59:50Z"), List.of(done), NOW));
    export.getSpec().setCancelled(true);
    export.getMetadata().setGeneration(2L);

    CalendarExportStatus later = deriver.derive(export, null, List.of(), NOW.plusSeconds(60));

    assertThat(later.getPhase()).isEqualTo(ExportPhase.SUCCEEDED);
    assertThat(later.getResult()).isEqualTo(export.getStatus().getResult());
    assertThat(later.getCompletionTime()).isEqualTo(FINISHED_AT);
    assertThat(succeeded(later).getStatus()).isEqualTo("True");
    assertThat(later.getObservedGeneration()).isEqualTo(2L);
  }

  @Test
  void aReusedExportIsSucceededWithReasonReusedAndStaysSo() {
    CalendarExport export = export();
    ReusableCalendar calendar =
        new ReusableCalendar(UUID.randomUUID(), "monday", 42, "text/calendar", 120, SHA, 3, 1);
    export.setStatus(ReusedStatus.of(export, new CalendarExportStatus(), calendar, NOW));

    CalendarExportStatus status = deriver.derive(export, null, List.of(), NOW.plusSeconds(60));

    assertThat(status).isEqualTo(export.getStatus());
    assertThat(status.getPhase()).isEqualTo(ExportPhase.SUCCEEDED);
    assertThat(status.getReusedFrom()).isEqualTo("monday");
    assertThat(status.getJobName()).isNull();
    assertThat(status.getAttempts()).isZero();
    assertThat(status.getCompletionTime()).isEqualTo("2026-03-01T12:00:00Z");
    assertThat(status.getResult().location()).isEqualTo(ResultLocation.of(UID));
    assertThat(status.getResult().sha256()).isEqualTo(SHA);
    assertThat(status.getResult().sizeBytes()).isEqualTo(120);
    assertThat(status.getResult().events()).isEqualTo(3);
    assertSucceededCondition(status, "True", "Reused");
    assertThat(status.getMessage()).contains("monday", "revision 42", "no Job ran");
  }

  @Test
  void derivingTwiceFromTheSameObservationChangesNothing() {
    CalendarExport export = export();
    Job job = activeJob();
    List<Pod> pods = List.of(running("2026-03-01T11:59:00Z"));
    export.setStatus(deriver.derive(export, job, pods, NOW));

    assertThat(deriver.derive(export, job, pods, NOW.plusSeconds(30)))
        .isEqualTo(export.getStatus());
  }

  @Test
  void attemptsNeverGoBackWhenPodsDisappear() {
    CalendarExport export = export();
    export.setStatus(new CalendarExportStatus());
    export.getStatus().setAttempts(3);

    CalendarExportStatus status = deriver.derive(export, activeJob(), List.of(), NOW);

    assertThat(status.getAttempts()).isEqualTo(3);
  }

  @Test
  void theObservedGenerationIsTheExportsGeneration() {
    CalendarExport export = export();
    export.getMetadata().setGeneration(4L);

    CalendarExportStatus status = deriver.derive(export, null, List.of(), NOW);

    assertThat(status.getObservedGeneration()).isEqualTo(4L);
    assertThat(succeeded(status).getObservedGeneration()).isEqualTo(4L);
  }

  // --- fixtures

  /** What the deriver makes of the default export, this Job and these pods, now. */
  private CalendarExportStatus derive(Job job, Pod... pods) {
    return deriver.derive(export(), job, List.of(pods), NOW);
  }

  private static CalendarExport export() {
    return ExportObjects.export("weekly", UID.toString());
  }

  private static JobBuilder job() {
    return new JobBuilder()
        .withNewMetadata()
        .withName("weekly")
        .withNamespace("team-a")
        .endMetadata();
  }

  private static Job activeJob() {
    return job().withNewStatus().withActive(1).endStatus().build();
  }

  private static Job jobWith(int active, int failed) {
    return job().withNewStatus().withActive(active).withFailed(failed).endStatus().build();
  }

  private static JobConditionBuilder failureTarget(String reason) {
    return new JobConditionBuilder()
        .withType("FailureTarget")
        .withStatus("True")
        .withReason(reason);
  }

  private static Job completeJob(String completionTime) {
    return job()
        .withNewStatus()
        .withSucceeded(1)
        .withCompletionTime(completionTime)
        .withConditions(
            new JobConditionBuilder()
                .withType("Complete")
                .withStatus("True")
                .withLastTransitionTime(completionTime)
                .build())
        .endStatus()
        .build();
  }

  private static Job failedJob(String reason, String message) {
    return job()
        .withNewStatus()
        .withFailed(1)
        .withConditions(
            failureTarget(reason).build(),
            new JobConditionBuilder()
                .withType("Failed")
                .withStatus("True")
                .withReason(reason)
                .withMessage(message)
                .withLastTransitionTime("2026-03-01T11:58:00Z")
                .build())
        .endStatus()
        .build();
  }

  private static int podCounter;

  private static PodBuilder podBuilder(String phase) {
    podCounter++;
    return new PodBuilder()
        .withNewMetadata()
        .withName("weekly-" + podCounter)
        .withCreationTimestamp(String.format("2026-03-01T11:%02d:00Z", podCounter % 60))
        .endMetadata()
        .withNewStatus()
        .withPhase(phase)
        .endStatus();
  }

  private static Pod pod(String phase) {
    return podBuilder(phase).build();
  }

  private static Pod running(String startTime) {
    Pod pod =
        withGenerator("Running", new ContainerStateBuilder().withNewRunning(startTime).build());
    pod.getStatus().setStartTime(startTime);
    return pod;
  }

  private static Pod succeededPod(int events, int skipped, long sizeBytes) {
    return terminated(
        "Succeeded",
        0,
        GeneratorReport.success(events, skipped, sizeBytes, SHA, ResultLocation.of(UID)).toJson());
  }

  private static Pod failedPod(int exitCode, String generatorMessage) {
    return terminated("Failed", exitCode, GeneratorReport.failure(generatorMessage).toJson());
  }

  private static Pod terminated(String phase, int exitCode, String message) {
    return withGenerator(
        phase,
        new ContainerStateBuilder()
            .withNewTerminated()
            .withExitCode(exitCode)
            .withMessage(message)
            .withStartedAt(STARTED_AT)
            .withFinishedAt(FINISHED_AT)
            .endTerminated()
            .build());
  }

  /** A pod in the phase whose generator container is in the state. */
  private static Pod withGenerator(String phase, ContainerState state) {
    Pod pod = podBuilder(phase).build();
    pod.getStatus()
        .setContainerStatuses(
            List.of(new ContainerStatusBuilder().withName("generator").withState(state).build()));
    return pod;
  }

  private static void assertSucceededCondition(
      CalendarExportStatus status, String conditionStatus, String reason) {
    assertThat(succeeded(status))
        .extracting(Condition::getStatus, Condition::getReason)
        .containsExactly(conditionStatus, reason);
  }

  private static Condition succeeded(CalendarExportStatus status) {
    return status.getConditions().stream()
        .filter(c -> "Succeeded".equals(c.getType()))
        .findFirst()
        .orElseThrow();
  }
}

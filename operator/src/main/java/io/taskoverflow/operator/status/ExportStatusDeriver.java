package io.taskoverflow.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.job.GeneratorReport;
import io.taskoverflow.model.job.ResultLocation;
import io.taskoverflow.model.status.CalendarExportStatus;
import io.taskoverflow.model.status.ExportPhase;
import io.taskoverflow.model.status.ExportResult;
import io.taskoverflow.operator.job.JobNames;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns what really happened (the Job, its pods, the status so far) into the export's new status. A
 * pure function: the same observation always gives the same status, and finished phases never
 * change again.
 */
public final class ExportStatusDeriver {

  /** Kubernetes' reason for a Job failed by a podFailurePolicy FailJob rule. */
  static final String POD_FAILURE_POLICY = "PodFailurePolicy";

  /** Phase-level facts; the rest of the status is assembled around them. */
  private record Outcome(
      ExportPhase phase,
      String conditionStatus,
      String reason,
      String message,
      String completionTime,
      ExportResult result) {}

  public CalendarExportStatus derive(
      CalendarExport export, Job job, List<Pod> podList, Instant now) {
    CalendarExportStatus current =
        export.getStatus() == null ? new CalendarExportStatus() : export.getStatus();
    GeneratorPods pods = new GeneratorPods(podList);
    Outcome outcome = outcome(export, job, pods, current, now);
    Long generation = export.getMetadata().getGeneration();

    CalendarExportStatus next = new CalendarExportStatus();
    next.setPhase(outcome.phase());
    next.setObservedGeneration(generation);
    next.setJobName(
        job != null ? JobNames.forExport(export.getMetadata().getName()) : current.getJobName());
    next.setAttempts(attempts(current, pods));
    next.setStartTime(
        current.getStartTime() != null
            ? current.getStartTime()
            : pods.firstStartTime().orElse(null));
    next.setCompletionTime(outcome.completionTime());
    next.setMessage(outcome.message());
    next.setResult(outcome.result());
    // Only a reused export has one, and a finished status never changes.
    next.setReusedFrom(current.getReusedFrom());
    next.setConditions(
        SucceededCondition.apply(
            current.getConditions(),
            outcome.conditionStatus(),
            outcome.reason(),
            outcome.message(),
            generation,
            now));
    return next;
  }

  private Outcome outcome(
      CalendarExport export,
      Job job,
      GeneratorPods pods,
      CalendarExportStatus current,
      Instant now) {
    if (current.getPhase() != null && current.getPhase().isFinal()) {
      return unchanged(current);
    }
    if (export.getSpec().isCancelled()) {
      return new Outcome(
          ExportPhase.CANCELLED,
          SucceededCondition.FALSE,
          "Cancelled",
          "Cancelled on request; the generator Job and its pods are deleted",
          SucceededCondition.rfc3339(now),
          null);
    }
    if (job == null) {
      return pending("Pending", "Waiting for the generator Job to be created");
    }
    // The pod's exit with its summary is the outcome; the Job's Complete condition follows it by
    // up to a second or so (the Job controller batches pod updates), and is not waited for.
    Optional<GeneratorPods.Finished> exited = pods.succeeded();
    if (exited.isPresent()) {
      return succeeded(
          export,
          exited.get().report(),
          firstNonNull(exited.get().finishedAt(), SucceededCondition.rfc3339(now)));
    }
    Optional<JobCondition> complete = finalCondition(job, "Complete");
    if (complete.isPresent()) {
      GeneratorReport report =
          pods.latestInPhase("Succeeded")
              .flatMap(GeneratorPods::termination)
              .map(terminated -> GeneratorReport.parse(terminated.getMessage()))
              .orElse(GeneratorReport.failure("no generator pod left a termination message"));
      return succeeded(
          export,
          report,
          firstNonNull(
              job.getStatus().getCompletionTime(),
              complete.get().getLastTransitionTime(),
              SucceededCondition.rfc3339(now)));
    }
    // Failed, or FailureTarget: the Job controller has decided (Kubernetes >= 1.31 sets it at
    // once and Failed only when the last pod has stopped); either way no attempt follows. Not
    // while a generator is still stopping: one past its deadline may yet store its calendar (or
    // exit 0, which makes the export a success above).
    Optional<JobCondition> failed =
        finalCondition(job, "Failed")
            .or(
                () ->
                    pods.anyNotStopped() ? Optional.empty() : finalCondition(job, "FailureTarget"));
    if (failed.isPresent()) {
      return failed(failed.get(), pods, now);
    }
    // Exit code 2 fails the Job through its podFailurePolicy, whatever its backoffLimit: final
    // now, never Retrying while the Job controller catches up.
    Optional<Pod> permanent = pods.permanentFailure();
    if (permanent.isPresent()) {
      String detail = generatorMessage(permanent.get()).orElse("permanent error");
      return new Outcome(
          ExportPhase.FAILED,
          SucceededCondition.FALSE,
          POD_FAILURE_POLICY,
          POD_FAILURE_POLICY + ": " + detail,
          firstNonNull(
              GeneratorPods.termination(permanent.get())
                  .map(ContainerStateTerminated::getFinishedAt)
                  .orElse(null),
              SucceededCondition.rfc3339(now)),
          null);
    }
    // Only attempts that ran count: a pod removed before its container started (the Job's
    // deadline, an eviction) is in the Job's failed count but was no attempt.
    long failures = pods.failedAttempts();
    if (failures > 0) {
      String lastError =
          pods.latestFailedAttempt().flatMap(ExportStatusDeriver::generatorMessage).orElse(null);
      return new Outcome(
          ExportPhase.RETRYING,
          SucceededCondition.UNKNOWN,
          "Retrying",
          "Attempt "
              + failures
              + " failed"
              + (lastError == null ? "" : ": " + lastError)
              + "; the Job tries again",
          null,
          null);
    }
    if (pods.anyRunning() || ready(job.getStatus()) > 0) {
      return new Outcome(
          ExportPhase.RUNNING,
          SucceededCondition.UNKNOWN,
          "Running",
          "The generator is running",
          null,
          null);
    }
    // The pod is done before the Job says Complete: still running, not pending again.
    if (pods.latestInPhase("Succeeded").isPresent()) {
      return new Outcome(
          ExportPhase.RUNNING,
          SucceededCondition.UNKNOWN,
          "Running",
          "The generator has finished; waiting for its Job to complete",
          null,
          null);
    }
    if (Boolean.TRUE.equals(job.getSpec() == null ? null : job.getSpec().getSuspend())) {
      return pending(
          CalendarExportStatus.QUEUED_REASON,
          "Queued: the generator Job waits, suspended, for a free generator slot (first come,"
              + " first served)");
    }
    return pending("Pending", "Waiting for a generator pod to start");
  }

  private static Outcome succeeded(
      CalendarExport export, GeneratorReport report, String completionTime) {
    UUID uid = UUID.fromString(export.getMetadata().getUid());
    ExportResult result;
    String message;
    if (report.succeeded()) {
      result =
          new ExportResult(
              report.location() == null ? ResultLocation.of(uid) : report.location(),
              ResultLocation.CONTENT_TYPE,
              report.bytes(),
              report.sha256(),
              report.events(),
              report.skipped());
      message =
          "Exported "
              + report.events()
              + " components ("
              + report.skipped()
              + " todos skipped), "
              + report.bytes()
              + " bytes";
    } else {
      // Only reached when the Job says Complete: the generator stores before it exits 0, so the
      // calendar is there even though its summary was lost.
      result =
          new ExportResult(
              ResultLocation.of(uid), ResultLocation.CONTENT_TYPE, null, null, null, null);
      message = "Exported, but without a summary: " + report.error();
    }
    return new Outcome(
        ExportPhase.SUCCEEDED,
        SucceededCondition.TRUE,
        "Succeeded",
        message,
        completionTime,
        result);
  }

  private static Outcome failed(JobCondition failed, GeneratorPods pods, Instant now) {
    String reason = failed.getReason() == null ? "Failed" : failed.getReason();
    String detail =
        pods.latestInPhase("Failed")
            .flatMap(ExportStatusDeriver::generatorMessage)
            .orElse(failed.getMessage());
    return new Outcome(
        ExportPhase.FAILED,
        SucceededCondition.FALSE,
        reason,
        detail == null || detail.isBlank() ? reason : reason + ": " + detail,
        firstNonNull(failed.getLastTransitionTime(), SucceededCondition.rfc3339(now)),
        null);
  }

  private static Outcome pending(String reason, String message) {
    return new Outcome(
        ExportPhase.PENDING, SucceededCondition.UNKNOWN, reason, message, null, null);
  }

  private static Outcome unchanged(CalendarExportStatus current) {
    Condition succeeded =
        current.getConditions() == null
            ? null
            : current.getConditions().stream()
                .filter(c -> CalendarExportStatus.SUCCEEDED_CONDITION.equals(c.getType()))
                .findFirst()
                .orElse(null);
    String conditionStatus =
        current.getPhase() == ExportPhase.SUCCEEDED
            ? SucceededCondition.TRUE
            : SucceededCondition.FALSE;
    String reason =
        succeeded != null && succeeded.getReason() != null
            ? succeeded.getReason()
            : current.getPhase().name();
    return new Outcome(
        current.getPhase(),
        conditionStatus,
        reason,
        current.getMessage(),
        current.getCompletionTime(),
        current.getResult());
  }

  /** The generator's own words: the error of its report, or the raw message it left. */
  private static Optional<String> generatorMessage(Pod pod) {
    return GeneratorPods.termination(pod)
        .map(
            terminated -> {
              String message = terminated.getMessage();
              if (message == null || message.isBlank()) {
                return "exit code " + terminated.getExitCode();
              }
              GeneratorReport report = GeneratorReport.parse(message);
              return report.error() != null ? report.error() : message.strip();
            });
  }

  /** A terminal Job condition; Kubernetes ≥ 1.31 also sets interim FailureTarget and the like. */
  private static Optional<JobCondition> finalCondition(Job job, String type) {
    if (job.getStatus() == null || job.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return job.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus()))
        .findFirst();
  }

  private static int attempts(CalendarExportStatus current, GeneratorPods pods) {
    int before = current.getAttempts() == null ? 0 : current.getAttempts();
    // Only pods whose generator started are attempts (the Job also counts pods that never ran).
    // Pods come and go (TTL, deletion); the count never goes back.
    return Math.max(before, pods.ranCount());
  }

  private static long ready(JobStatus status) {
    return status == null || status.getReady() == null ? 0 : status.getReady();
  }

  @SafeVarargs
  private static <T> T firstNonNull(T... values) {
    for (T value : values) {
      if (value != null) {
        return value;
      }
    }
    return null;
  }
}

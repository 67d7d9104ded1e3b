package io.taskoverflow.operator.export;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.status.CalendarExportStatus;
import io.taskoverflow.model.status.ExportPhase;
import io.taskoverflow.operator.status.SucceededCondition;
import java.net.HttpURLConnection;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/** Recognises the failures the operator knows how to report, wherever JOSDK wrapped them. */
public final class KnownFailures {

  private static final int UNPROCESSABLE = 422;
  private static final String JOBS = "jobs";

  private KnownFailures() {}

  public static Optional<ExportException> recognise(Exception failure) {
    Deque<Throwable> pending = new ArrayDeque<>();
    pending.add(failure);
    while (!pending.isEmpty()) {
      Throwable next = pending.poll();
      if (next instanceof ExportException known) {
        return Optional.of(known);
      }
      if (next instanceof KubernetesClientException client && client.getCode() == UNPROCESSABLE) {
        return Optional.of(new InvalidJobException(client.getMessage()));
      }
      if (next instanceof KubernetesClientException client && isNameTaken(client)) {
        return Optional.of(new ForeignJobException(client.getStatus().getDetails().getName()));
      }
      if (next instanceof io.javaoperatorsdk.operator.AggregatedOperatorException aggregated) {
        pending.addAll(aggregated.getAggregatedExceptions().values());
      }
      if (next.getCause() != null && next.getCause() != next) {
        pending.add(next.getCause());
      }
    }
    return Optional.empty();
  }

  /** A 409: someone else changed the object first; the retry reads it again. */
  public static boolean isConflict(Exception failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof KubernetesClientException client
          && client.getCode() == HttpURLConnection.HTTP_CONFLICT
          && !isNameTaken(client)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A create that found the Job's name taken: a 409 too, but not one a re-read resolves. A plain
   * create answers AlreadyExists; JOSDK's server-side apply creates only if nothing is there yet
   * (it sends resourceVersion 1), so a taken name answers Conflict on the Job. The operator never
   * updates a Job, so a Conflict on one can mean nothing else.
   */
  private static boolean isNameTaken(KubernetesClientException client) {
    if (client.getCode() != HttpURLConnection.HTTP_CONFLICT
        || client.getStatus() == null
        || client.getStatus().getDetails() == null) {
      return false;
    }
    return "AlreadyExists".equals(client.getStatus().getReason())
        || JOBS.equals(client.getStatus().getDetails().getKind());
  }

  /** Writes the failure into the status; a failure retrying cannot fix ends the export. */
  public static void describe(CalendarExport export, ExportException failure, Instant now) {
    CalendarExportStatus status =
        export.getStatus() == null ? new CalendarExportStatus() : export.getStatus();
    if (status.getPhase() == null) {
      status.setPhase(ExportPhase.PENDING);
    }
    status.setMessage(failure.getMessage());
    status.setObservedGeneration(export.getMetadata().getGeneration());
    String conditionStatus = SucceededCondition.UNKNOWN;
    if (!failure.retryable() && !status.getPhase().isFinal()) {
      status.setPhase(ExportPhase.FAILED);
      status.setCompletionTime(SucceededCondition.rfc3339(now));
      conditionStatus = SucceededCondition.FALSE;
    }
    status.setConditions(
        SucceededCondition.apply(
            status.getConditions(),
            conditionStatus,
            failure.reason(),
            failure.getMessage(),
            export.getMetadata().getGeneration(),
            now));
    export.setStatus(status);
  }
}

package io.taskoverflow.operator.status;

import io.taskoverflow.calendars.StoredCalendars.ReusableCalendar;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.job.ResultLocation;
import io.taskoverflow.model.status.CalendarExportStatus;
import io.taskoverflow.model.status.ExportPhase;
import io.taskoverflow.model.status.ExportResult;
import java.time.Instant;
import java.util.UUID;

/**
 * The status of an export that took a stored calendar instead of running a Job: Succeeded at once,
 * with reason Reused, no Job and no attempts, the copy's result, and the source in reusedFrom.
 */
public final class ReusedStatus {

  private ReusedStatus() {}

  public static CalendarExportStatus of(
      CalendarExport export, CalendarExportStatus previous, ReusableCalendar reused, Instant now) {
    UUID uid = UUID.fromString(export.getMetadata().getUid());
    Long generation = export.getMetadata().getGeneration();
    String time = SucceededCondition.rfc3339(now);
    String message = message(reused);
    CalendarExportStatus status = new CalendarExportStatus();
    status.setPhase(ExportPhase.SUCCEEDED);
    status.setObservedGeneration(generation);
    status.setAttempts(0);
    status.setStartTime(time);
    status.setCompletionTime(time);
    status.setMessage(message);
    status.setReusedFrom(reused.exportName());
    status.setResult(
        new ExportResult(
            ResultLocation.of(uid),
            reused.contentType(),
            reused.sizeBytes(),
            reused.sha256(),
            reused.events(),
            reused.skipped()));
    status.setConditions(
        SucceededCondition.apply(
            previous.getConditions(),
            SucceededCondition.TRUE,
            CalendarExportStatus.REUSED_REASON,
            message,
            generation,
            now));
    return status;
  }

  public static String message(ReusableCalendar reused) {
    return "Reused the calendar of export "
        + reused.exportName()
        + " (same options, todos unchanged since revision "
        + reused.todoRevision()
        + "): "
        + reused.events()
        + " components ("
        + reused.skipped()
        + " todos skipped), "
        + reused.sizeBytes()
        + " bytes; no Job ran";
  }
}

package io.taskoverflow.operator.export;

import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.status.CalendarExportStatus;
import io.taskoverflow.model.status.ExportPhase;
import io.taskoverflow.operator.events.ExportEvents;
import io.taskoverflow.operator.queue.AdmissionPlan;
import java.util.Objects;

/**
 * One Event per state change: JobCreated, Queued, Started, Retrying, Succeeded, Failed, Cancelled.
 */
public class PhaseChangeEvents {

  private final ExportEvents events;

  public PhaseChangeEvents(ExportEvents events) {
    this.events = events;
  }

  public void announce(
      CalendarExport export, CalendarExportStatus previous, CalendarExportStatus next) {
    if (previous.getJobName() == null && next.getJobName() != null) {
      events.record(
          export, ExportEvents.NORMAL, "JobCreated", "Created generator Job " + next.getJobName());
    }
    if (Objects.equals(previous.getPhase(), next.getPhase())) {
      return;
    }
    ExportPhase phase = next.getPhase();
    switch (phase) {
      case RUNNING ->
          events.record(
              export,
              ExportEvents.NORMAL,
              "Started",
              "The generator started (attempt " + next.getAttempts() + ")");
      case RETRYING -> events.record(export, ExportEvents.WARNING, "Retrying", next.getMessage());
      case SUCCEEDED -> events.record(export, ExportEvents.NORMAL, "Succeeded", next.getMessage());
      case FAILED -> events.record(export, ExportEvents.WARNING, "Failed", next.getMessage());
      case CANCELLED -> events.record(export, ExportEvents.NORMAL, "Cancelled", next.getMessage());
      case PENDING -> {
        // Announced by JobCreated (and Queued).
      }
    }
  }

  /** Once, when the export starts to wait for a generator slot; says where it stands then. */
  public void announceQueued(
      CalendarExport export,
      CalendarExportStatus previous,
      CalendarExportStatus next,
      AdmissionPlan plan) {
    if (isQueued(next) && !isQueued(previous)) {
      int ahead = plan.ahead(export.getMetadata().getName());
      events.record(
          export,
          ExportEvents.NORMAL,
          CalendarExportStatus.QUEUED_REASON,
          "Waiting for a generator slot: "
              + ahead
              + (ahead == 1 ? " export" : " exports")
              + " ahead, "
              + plan.running()
              + " of at most "
              + plan.capacity()
              + " generators running");
    }
  }

  /** Pending because its Job waits, suspended, in the generator queue. */
  public static boolean isQueued(CalendarExportStatus status) {
    return status.getPhase() == ExportPhase.PENDING
        && status.getConditions() != null
        && status.getConditions().stream()
            .anyMatch(
                c ->
                    CalendarExportStatus.SUCCEEDED_CONDITION.equals(c.getType())
                        && CalendarExportStatus.QUEUED_REASON.equals(c.getReason()));
  }
}

package io.taskoverflow.api.export;

import io.taskoverflow.model.status.CalendarExportStatus;
import io.taskoverflow.model.status.ExportPhase;
import io.taskoverflow.model.status.ExportResult;

/**
 * The statuses the operator writes, with fixed times, for the tests' stand-ins of it (on a real API
 * server and in memory).
 */
final class OperatorStatuses {

  static final String STARTED = "2026-04-03T14:00:00Z";
  static final String FINISHED = "2026-04-03T14:00:05Z";

  private OperatorStatuses() {}

  /** The export reached this phase. */
  static CalendarExportStatus phase(ExportPhase phase, String message) {
    CalendarExportStatus status = new CalendarExportStatus();
    status.setPhase(phase);
    status.setMessage(message);
    status.setAttempts(phase == ExportPhase.PENDING ? 0 : 1);
    status.setStartTime(phase == ExportPhase.PENDING ? null : STARTED);
    status.setCompletionTime(phase.isFinal() ? FINISHED : null);
    return status;
  }

  /** The generator stored this result on its first attempt. */
  static CalendarExportStatus succeeded(ExportResult result) {
    CalendarExportStatus status = phase(ExportPhase.SUCCEEDED, "Calendar stored");
    status.setResult(result);
    return status;
  }
}

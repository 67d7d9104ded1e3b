package io.taskoverflow.api.export;

import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.status.ExportPhase;

/** The Celery-style {@code task_status} clients of the reference API know, from the phase. */
public enum TaskStatus {
  PENDING,
  STARTED,
  RETRY,
  SUCCESS,
  FAILURE,
  REVOKED;

  /** An export the operator has not looked at yet has no status: it is pending. */
  public static TaskStatus of(CalendarExport export) {
    ExportPhase phase = export.getStatus() == null ? null : export.getStatus().getPhase();
    if (phase == null) {
      return PENDING;
    }
    return switch (phase) {
      case PENDING -> PENDING;
      case RUNNING -> STARTED;
      case RETRYING -> RETRY;
      case SUCCEEDED -> SUCCESS;
      case FAILED -> FAILURE;
      case CANCELLED -> REVOKED;
    };
  }

  public boolean isFinished() {
    return this == SUCCESS || this == FAILURE || this == REVOKED;
  }
}

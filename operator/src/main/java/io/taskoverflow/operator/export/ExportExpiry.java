package io.taskoverflow.operator.export;

import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.status.CalendarExportStatus;
import io.taskoverflow.operator.job.ExportLimits;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** When a finished export, and with it its calendar, goes away. */
public class ExportExpiry {

  private final ExportLimits limits;

  public ExportExpiry(ExportLimits limits) {
    this.limits = limits;
  }

  /** Time left before a finished export expires; zero or negative means now. */
  public Duration remaining(CalendarExport export, CalendarExportStatus status, Instant now) {
    Instant finished = parse(status.getCompletionTime(), now);
    Instant expires = finished.plusSeconds(limits.ttlSecondsFor(export.getSpec()));
    return Duration.between(now, expires);
  }

  private static Instant parse(String timestamp, Instant fallback) {
    if (timestamp == null) {
      return fallback;
    }
    try {
      return Instant.parse(timestamp);
    } catch (DateTimeParseException e) {
      return fallback;
    }
  }
}

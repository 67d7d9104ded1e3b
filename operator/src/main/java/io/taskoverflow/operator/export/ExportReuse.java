package io.taskoverflow.operator.export;

import io.taskoverflow.calendars.StoredCalendars.ReusableCalendar;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.status.CalendarExportStatus;
import io.taskoverflow.operator.reuse.ReusableCalendars;
import io.taskoverflow.operator.reuse.ReuseException;
import io.taskoverflow.operator.reuse.ReuseKey;
import io.taskoverflow.operator.status.ReusedStatus;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a new export take the calendar of an earlier one made with the same options from the same
 * todos, instead of running a Job. Only an export that has not started anything may: no status, no
 * Job, not cancelled, and no window filter ({@link ReuseKey}). When the database cannot tell, the
 * export runs a Job: reuse is a shortcut, never a reason to fail.
 */
public record ExportReuse(ReusableCalendars calendars, String generatorImage, Clock clock) {

  private static final Logger LOG = LoggerFactory.getLogger(ExportReuse.class);

  /** The export's finished status when a calendar was copied to it; empty when it needs a Job. */
  Optional<CalendarExportStatus> tryReuse(
      CalendarExport export, CalendarExportStatus previous, boolean jobExists) {
    if (jobExists
        || previous.getPhase() != null
        || previous.getJobName() != null
        || export.getSpec().isCancelled()) {
      return Optional.empty();
    }
    Optional<ReuseKey> key = ReuseKey.of(export, generatorImage);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    Optional<ReusableCalendar> reused;
    try {
      reused =
          calendars.copyIfUnchanged(
              UUID.fromString(export.getMetadata().getUid()),
              export.getMetadata().getName(),
              key.get());
    } catch (ReuseException e) {
      LOG.warn(
          "Export {}/{} runs a Job: {}",
          export.getMetadata().getNamespace(),
          export.getMetadata().getName(),
          e.getMessage());
      return Optional.empty();
    }
    return reused.map(calendar -> ReusedStatus.of(export, previous, calendar, clock.instant()));
  }
}

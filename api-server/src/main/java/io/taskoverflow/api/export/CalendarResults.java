package io.taskoverflow.api.export;

import io.taskoverflow.calendars.StoredCalendar;
import java.io.OutputStream;
import java.util.Optional;
import java.util.UUID;

/** The calendars generators stored; {@link CalendarResultRepository} reads them from PostgreSQL. */
public interface CalendarResults {

  /** The summary of the export's calendar; empty when there is none (any more). */
  Optional<StoredCalendar> find(UUID exportUid);

  /** Writes the calendar's bytes in order. */
  void copyTo(UUID exportUid, OutputStream out);
}

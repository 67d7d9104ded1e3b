package io.taskoverflow.operator.reuse;

import io.taskoverflow.calendars.StoredCalendars.ReusableCalendar;
import java.util.Optional;
import java.util.UUID;

/** The stored calendars an export may take instead of running a Job. */
public interface ReusableCalendars {

  /**
   * Copies the newest stored calendar with this key whose todo revision is the current one under
   * {@code exportUid}, replacing anything stored there; empty when there is none, and nothing is
   * written. The revision check and the copy are one transaction.
   *
   * @throws ReuseException when the database could not answer
   */
  Optional<ReusableCalendar> copyIfUnchanged(UUID exportUid, String exportName, ReuseKey key);
}

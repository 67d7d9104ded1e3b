package io.taskoverflow.operator.cleanup;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

/** The stored calendars, as far as the operator is concerned: it only removes them. */
public interface CalendarStore {

  /** Deletes the calendar of one export (its chunks cascade); true if there was one. */
  boolean delete(UUID exportUid);

  /** Exports with a stored calendar older than {@code minimumAge}. */
  Set<UUID> storedBefore(Duration minimumAge);
}

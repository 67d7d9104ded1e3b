package io.taskoverflow.operator.cleanup;

import io.taskoverflow.calendars.StoredCalendars;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * {@link CalendarStore} on the calendar_results table of db-schema; an export's progress row
 * (export_progress, which a generator that failed may have left) goes with its calendar.
 */
public final class JdbcCalendarStore implements CalendarStore {

  private final DataSource dataSource;

  public JdbcCalendarStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public boolean delete(UUID exportUid) {
    try (Connection connection = dataSource.getConnection()) {
      return new StoredCalendars(connection).deleteWithProgress(exportUid);
    } catch (SQLException e) {
      throw new CalendarStoreException("could not delete the calendar of export " + exportUid, e);
    }
  }

  @Override
  public Set<UUID> storedBefore(Duration minimumAge) {
    try (Connection connection = dataSource.getConnection()) {
      return new StoredCalendars(connection).storedBefore(minimumAge);
    } catch (SQLException e) {
      throw new CalendarStoreException("could not list the stored calendars", e);
    }
  }
}

package io.taskoverflow.operator.cleanup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
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
    try (Connection connection = dataSource.getConnection();
        PreparedStatement delete =
            connection.prepareStatement(
                "WITH progress AS (DELETE FROM export_progress WHERE export_uid = ?)"
                    + " DELETE FROM calendar_results WHERE export_uid = ?")) {
      delete.setObject(1, exportUid);
      delete.setObject(2, exportUid);
      return delete.executeUpdate() > 0;
    } catch (SQLException e) {
      throw new CalendarStoreException("could not delete the calendar of export " + exportUid, e);
    }
  }

  @Override
  public Set<UUID> storedBefore(Duration minimumAge) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT export_uid FROM calendar_results"
                    + " WHERE created_at < now() - make_interval(secs => ?)")) {
      select.setLong(1, minimumAge.toSeconds());
      Set<UUID> uids = new HashSet<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          uids.add(rows.getObject(1, UUID.class));
        }
      }
      return uids;
    } catch (SQLException e) {
      throw new CalendarStoreException("could not list the stored calendars", e);
    }
  }
}

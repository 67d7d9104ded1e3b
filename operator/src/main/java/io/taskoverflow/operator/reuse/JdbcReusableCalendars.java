package io.taskoverflow.operator.reuse;

import io.taskoverflow.calendars.StoredCalendars;
import io.taskoverflow.calendars.StoredCalendars.ReusableCalendar;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * {@link ReusableCalendars} on db-schema's calendar_results (V5 records each calendar's revision
 * and options) and todo_revision. One REPEATABLE READ transaction reads the current revision, picks
 * the source and copies its rows: a todo change committed after that snapshot began cannot make the
 * copy stale, since the copy is then exactly what a generator starting at that moment would have
 * read. The copy is a real one (chunks and summary): deleting or expiring the source later leaves
 * it whole, and the api-server serves it by uid like any calendar.
 */
public final class JdbcReusableCalendars implements ReusableCalendars {

  private final DataSource dataSource;

  public JdbcReusableCalendars(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public Optional<ReusableCalendar> copyIfUnchanged(
      UUID exportUid, String exportName, ReuseKey key) {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      int isolation = connection.getTransactionIsolation();
      connection.setAutoCommit(false);
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      try {
        StoredCalendars calendars = new StoredCalendars(connection);
        Optional<ReusableCalendar> source = findSource(calendars, exportUid, key);
        if (source.isPresent()) {
          // A retried reconciliation copies again; the earlier copy goes first.
          calendars.copy(source.get().exportUid(), exportUid, exportName);
        }
        connection.commit();
        return source;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setTransactionIsolation(isolation);
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new ReuseException("could not look for a calendar to reuse for " + exportUid, e);
    }
  }

  private static Optional<ReusableCalendar> findSource(
      StoredCalendars calendars, UUID exportUid, ReuseKey key) throws SQLException {
    return calendars.findReusable(
        exportUid,
        new StoredCalendars.ReuseKey(
            key.calendarName(), key.component(), key.completed(), key.generatorImage()));
  }
}

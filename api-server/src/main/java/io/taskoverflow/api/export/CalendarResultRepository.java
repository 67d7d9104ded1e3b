package io.taskoverflow.api.export;

import io.taskoverflow.calendars.StoredCalendar;
import io.taskoverflow.calendars.StoredCalendars;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Reads the calendars generators stored ({@link StoredCalendars}: the summary and its chunks). */
public class CalendarResultRepository implements CalendarResults {

  private final DataSource dataSource;

  public CalendarResultRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public Optional<StoredCalendar> find(UUID exportUid) {
    try (Connection connection = dataSource.getConnection()) {
      return new StoredCalendars(connection).summary(exportUid);
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the calendar of " + exportUid, e);
    }
  }

  /** Writes the calendar's bytes in order; pgjdbc streams rows only outside autocommit. */
  public void copyTo(UUID exportUid, OutputStream out) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        // A few chunks per round trip; a calendar never sits whole in memory.
        new StoredCalendars(connection).readChunks(exportUid, out::write);
      } finally {
        connection.rollback();
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the calendar of " + exportUid, e);
    } catch (IOException e) {
      throw new UncheckedIOException("the client went away during the download", e);
    }
  }
}

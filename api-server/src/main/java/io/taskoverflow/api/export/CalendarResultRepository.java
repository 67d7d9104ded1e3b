package io.taskoverflow.api.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Reads the calendars generators stored in {@code calendar_results} and its chunks. */
public class CalendarResultRepository implements CalendarResults {

  // A few chunks per round trip; a calendar never sits whole in memory.
  private static final int CHUNKS_PER_FETCH = 4;

  private final DataSource dataSource;

  public CalendarResultRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public Optional<StoredCalendar> find(UUID exportUid) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT content_type, size_bytes, sha256, events FROM calendar_results"
                    + " WHERE export_uid = ?")) {
      statement.setObject(1, exportUid);
      try (ResultSet row = statement.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new StoredCalendar(
                row.getString("content_type"),
                row.getLong("size_bytes"),
                row.getString("sha256").strip(),
                row.getInt("events")));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the calendar of " + exportUid, e);
    }
  }

  /** Writes the calendar's bytes in order; pgjdbc streams rows only outside autocommit. */
  public void copyTo(UUID exportUid, OutputStream out) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement statement =
          connection.prepareStatement(
              "SELECT data FROM calendar_result_chunks WHERE export_uid = ? ORDER BY seq")) {
        statement.setFetchSize(CHUNKS_PER_FETCH);
        statement.setObject(1, exportUid);
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            out.write(rows.getBytes(1));
          }
        }
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

package io.taskoverflow.operator.reuse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
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

  private static final String FIND_SOURCE =
      "SELECT r.export_uid, r.export_name, r.todo_revision, r.content_type, r.size_bytes,"
          + " r.sha256, r.events, r.skipped"
          + " FROM calendar_results r JOIN todo_revision t ON r.todo_revision = t.revision"
          + " WHERE r.calendar_name = ? AND r.component = ?"
          + " AND r.filter_completed IS NOT DISTINCT FROM ? AND r.filter_window_days IS NULL"
          + " AND r.generator_image = ? AND r.export_uid <> ?"
          + " ORDER BY r.created_at DESC, r.export_uid LIMIT 1";

  private static final String COPY_CHUNKS =
      "INSERT INTO calendar_result_chunks (export_uid, seq, data)"
          + " SELECT ?, seq, data FROM calendar_result_chunks WHERE export_uid = ?";

  private static final String COPY_SUMMARY =
      "INSERT INTO calendar_results (export_uid, export_name, content_type, size_bytes, sha256,"
          + " events, skipped, todo_revision, calendar_name, component, filter_completed,"
          + " filter_window_days, generator_image)"
          + " SELECT ?, ?, content_type, size_bytes, sha256, events, skipped, todo_revision,"
          + " calendar_name, component, filter_completed, filter_window_days, generator_image"
          + " FROM calendar_results WHERE export_uid = ?";

  private final DataSource dataSource;

  public JdbcReusableCalendars(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public Optional<ReusedCalendar> copyIfUnchanged(UUID exportUid, String exportName, ReuseKey key) {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      int isolation = connection.getTransactionIsolation();
      connection.setAutoCommit(false);
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      try {
        Optional<ReusedCalendar> source = findSource(connection, exportUid, key);
        if (source.isPresent()) {
          copy(connection, source.get().sourceExportUid(), exportUid, exportName);
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

  private static Optional<ReusedCalendar> findSource(
      Connection connection, UUID exportUid, ReuseKey key) throws SQLException {
    try (PreparedStatement find = connection.prepareStatement(FIND_SOURCE)) {
      find.setString(1, key.calendarName());
      find.setString(2, key.component());
      find.setObject(3, key.completed(), Types.BOOLEAN);
      find.setString(4, key.generatorImage());
      find.setObject(5, exportUid);
      try (ResultSet row = find.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new ReusedCalendar(
                row.getString("export_name"),
                row.getObject("export_uid", UUID.class),
                row.getLong("todo_revision"),
                row.getString("content_type"),
                row.getLong("size_bytes"),
                row.getString("sha256").strip(),
                row.getInt("events"),
                row.getInt("skipped")));
      }
    }
  }

  private static void copy(Connection connection, UUID source, UUID target, String targetName)
      throws SQLException {
    // A retried reconciliation copies again; the earlier copy (chunks cascade) goes first.
    try (PreparedStatement delete =
        connection.prepareStatement("DELETE FROM calendar_results WHERE export_uid = ?")) {
      delete.setObject(1, target);
      delete.executeUpdate();
    }
    try (PreparedStatement chunks = connection.prepareStatement(COPY_CHUNKS)) {
      chunks.setObject(1, target);
      chunks.setObject(2, source);
      chunks.executeUpdate();
    }
    try (PreparedStatement summary = connection.prepareStatement(COPY_SUMMARY)) {
      summary.setObject(1, target);
      summary.setString(2, targetName);
      summary.setObject(3, source);
      if (summary.executeUpdate() != 1) {
        throw new SQLException("the calendar of " + source + " vanished from the snapshot");
      }
    }
  }
}

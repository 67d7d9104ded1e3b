package io.taskoverflow.calendars;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The progress of running exports in {@code export_progress} (db-schema V7): generators write it,
 * the api-server reads it, and it goes with the calendar ({@link
 * StoredCalendars#deleteWithProgress}). Every statement runs on the caller's connection with the
 * caller's query timeout.
 */
public final class ExportProgressTable {

  private static final String REPORT =
      "INSERT INTO export_progress (export_uid, written, total, updated_at)"
          + " VALUES (?, ?, ?, now()) ON CONFLICT (export_uid) DO UPDATE"
          + " SET written = excluded.written, total = excluded.total,"
          + " updated_at = excluded.updated_at";

  private static final String DELETE = "DELETE FROM export_progress WHERE export_uid = ?";

  private static final String FIND =
      "SELECT export_uid, written, total FROM export_progress WHERE export_uid = ANY (?)";

  private final Connection connection;

  public ExportProgressTable(Connection connection) {
    this.connection = connection;
  }

  /** Inserts or replaces the export's progress row, stamped with the database's clock. */
  public void report(UUID exportUid, long written, Long total, int timeoutSeconds)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(REPORT)) {
      statement.setQueryTimeout(timeoutSeconds);
      statement.setObject(1, exportUid);
      statement.setLong(2, written);
      statement.setObject(3, total, Types.BIGINT);
      statement.executeUpdate();
    }
  }

  /** Deletes the export's progress row, if any. */
  public void delete(UUID exportUid, int timeoutSeconds) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(DELETE)) {
      statement.setQueryTimeout(timeoutSeconds);
      statement.setObject(1, exportUid);
      statement.executeUpdate();
    }
  }

  /** The progress of those of these exports that have a row. */
  public Map<UUID, ExportProgress> find(Collection<UUID> exportUids, int timeoutSeconds)
      throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(FIND)) {
      Array uids = connection.createArrayOf("uuid", exportUids.toArray());
      query.setArray(1, uids);
      query.setQueryTimeout(timeoutSeconds);
      Map<UUID, ExportProgress> found = new HashMap<>();
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          found.put(
              rows.getObject(1, UUID.class),
              new ExportProgress(rows.getLong(2), rows.getObject(3, Long.class)));
        }
      }
      return found;
    }
  }
}

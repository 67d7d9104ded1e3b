package io.taskoverflow.generator;

import io.taskoverflow.schema.TestDatabase;
import io.taskoverflow.schema.TestDatabase.ExportRows;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/** A result as the api-server would read it: summary row plus chunks in order. */
record StoredCalendar(
    String exportName,
    String contentType,
    long sizeBytes,
    String sha256,
    int events,
    int skipped,
    int chunks,
    byte[] bytes) {

  /** The export's stored calendar; null when it has no summary row. */
  static StoredCalendar read(UUID exportUid) {
    try {
      ExportRows rows = TestDatabase.rowsOfExport(exportUid);
      if (rows.results() == 0) {
        return null;
      }
      List<Object> summary =
          TestDatabase.row(
              "SELECT export_name, content_type, size_bytes, sha256, events, skipped"
                  + " FROM calendar_results WHERE export_uid = ?",
              exportUid);
      return new StoredCalendar(
          (String) summary.get(0),
          (String) summary.get(1),
          (long) summary.get(2),
          (String) summary.get(3),
          (int) summary.get(4),
          (int) summary.get(5),
          rows.chunks(),
          TestDatabase.storedCalendar(exportUid));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The sha256 and size of the stored chunks, read one at a time (a million todos are big). */
  static String streamedSha256(UUID exportUid) {
    try (Connection connection = TestDatabase.dataSource().getConnection()) {
      connection.setAutoCommit(false);
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      try (PreparedStatement query =
          connection.prepareStatement(
              "SELECT data FROM calendar_result_chunks WHERE export_uid = ? ORDER BY seq")) {
        query.setFetchSize(4);
        query.setObject(1, exportUid);
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            digest.update(rows.getBytes(1));
          }
        }
      }
      connection.commit();
      return HexFormat.of().formatHex(digest.digest());
    } catch (SQLException | java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

package io.taskoverflow.generator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Stores calendars keyed by their export's uid. A rerun of the same export replaces the earlier
 * result inside the caller's transaction, so readers see the old calendar or the new one, never a
 * mix and never two.
 */
final class ResultStore {

  private final Connection connection;

  ResultStore(Connection connection) {
    this.connection = connection;
  }

  /** Deletes any earlier result of this export and opens the upload of the new one. */
  ResultUpload replace(UUID exportUid) throws SQLException {
    // Two pods of one export (a retry racing a slow predecessor) take turns instead of colliding
    // on the chunks' primary key; the lock ends with the transaction.
    try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
      lock.setLong(1, exportUid.getMostSignificantBits() ^ exportUid.getLeastSignificantBits());
      lock.execute();
    }
    // Chunks go with their summary row (ON DELETE CASCADE); the deferred foreign key means no
    // committed chunk is ever without one.
    try (PreparedStatement delete =
        connection.prepareStatement("DELETE FROM calendar_results WHERE export_uid = ?")) {
      delete.setObject(1, exportUid);
      delete.executeUpdate();
    }
    return new ResultUpload(connection, exportUid);
  }
}

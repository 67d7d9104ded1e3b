package io.taskoverflow.generator;

import io.taskoverflow.calendars.StoredCalendars;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Stores calendars keyed by their export's uid. A rerun of the same export replaces the earlier
 * result inside the caller's transaction, so readers see the old calendar or the new one, never a
 * mix and never two.
 */
final class ResultStore {

  private final StoredCalendars calendars;

  ResultStore(Connection connection) {
    this.calendars = new StoredCalendars(connection);
  }

  /** Deletes any earlier result of this export and opens the upload of the new one. */
  ResultUpload replace(UUID exportUid) throws SQLException {
    // Two pods of one export (a retry racing a slow predecessor) take turns instead of colliding
    // on the chunks' primary key; the lock ends with the transaction.
    calendars.lockExport(exportUid);
    // Chunks go with their summary row (ON DELETE CASCADE); the deferred foreign key means no
    // committed chunk is ever without one.
    calendars.delete(exportUid);
    return new ResultUpload(calendars, exportUid);
  }
}

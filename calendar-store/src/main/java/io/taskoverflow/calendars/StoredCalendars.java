package io.taskoverflow.calendars;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

/**
 * The stored calendars (db-schema V2, V4, V5): a summary row in {@code calendar_results} and the
 * bytes in {@code calendar_result_chunks}, which go with their summary row (ON DELETE CASCADE, a
 * deferred foreign key). Every statement runs on the caller's connection: the caller owns the
 * transaction, the isolation, the timeouts and the exceptions its own callers see.
 */
public final class StoredCalendars {

  /** A few chunks per round trip when reading a calendar's bytes; never the whole calendar. */
  public static final int CHUNKS_PER_FETCH = 4;

  private static final String SUMMARY =
      "SELECT content_type, size_bytes, sha256, events FROM calendar_results"
          + " WHERE export_uid = ?";

  private static final String CHUNKS =
      "SELECT data FROM calendar_result_chunks WHERE export_uid = ? ORDER BY seq";

  private static final String TODO_REVISION =
      "SELECT todo_revision FROM calendar_results WHERE export_uid = ?";

  private static final String STORED_BEFORE =
      "SELECT export_uid FROM calendar_results"
          + " WHERE created_at < now() - make_interval(secs => ?)";

  private static final String DELETE = "DELETE FROM calendar_results WHERE export_uid = ?";

  private static final String DELETE_WITH_PROGRESS =
      "WITH progress AS (DELETE FROM export_progress WHERE export_uid = ?)"
          + " DELETE FROM calendar_results WHERE export_uid = ?";

  private static final String LOCK_EXPORT = "SELECT pg_advisory_xact_lock(?)";

  private static final String INSERT_CHUNK =
      "INSERT INTO calendar_result_chunks (export_uid, seq, data) VALUES (?, ?, ?)";

  private static final String INSERT_SUMMARY =
      "INSERT INTO calendar_results (export_uid, export_name, content_type, size_bytes,"
          + " sha256, events, skipped, todo_revision, calendar_name, component,"
          + " filter_completed, filter_window_days, generator_image)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private static final String FIND_REUSABLE =
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

  private final Connection connection;

  public StoredCalendars(Connection connection) {
    this.connection = connection;
  }

  /** Receives a calendar's bytes, chunk by chunk, in order. */
  @FunctionalInterface
  public interface ChunkReader {
    void read(byte[] data) throws IOException;
  }

  /** What the reuse lookup matches on: a calendar made the same way. */
  public record ReuseKey(
      String calendarName, String component, Boolean completed, String generatorImage) {}

  /** A calendar that can be copied instead of generated again. */
  public record ReusableCalendar(
      UUID exportUid,
      String exportName,
      long todoRevision,
      String contentType,
      long sizeBytes,
      String sha256,
      int events,
      int skipped) {}

  /** The summary row a generator stores after the calendar's chunks. */
  public record NewCalendar(
      UUID exportUid,
      String exportName,
      String contentType,
      long sizeBytes,
      String sha256,
      int events,
      int skipped,
      long todoRevision,
      String calendarName,
      String component,
      Boolean filterCompleted,
      Integer filterWindowDays,
      String generatorImage) {}

  // --- reading

  public Optional<StoredCalendar> summary(UUID exportUid) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(SUMMARY)) {
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
    }
  }

  /**
   * Hands the calendar's chunks to the reader in order, {@link #CHUNKS_PER_FETCH} per round trip.
   * pgjdbc streams rows only outside autocommit: the caller turns it off and ends the transaction.
   */
  public void readChunks(UUID exportUid, ChunkReader reader) throws SQLException, IOException {
    try (PreparedStatement statement = connection.prepareStatement(CHUNKS)) {
      statement.setFetchSize(CHUNKS_PER_FETCH);
      statement.setObject(1, exportUid);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          reader.read(rows.getBytes(1));
        }
      }
    }
  }

  /** The todo revision the export's calendar was made from, if it is stored and records one. */
  public OptionalLong todoRevision(UUID exportUid) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(TODO_REVISION)) {
      query.setObject(1, exportUid);
      try (ResultSet row = query.executeQuery()) {
        if (!row.next()) {
          return OptionalLong.empty();
        }
        long revision = row.getLong(1);
        return row.wasNull() ? OptionalLong.empty() : OptionalLong.of(revision);
      }
    }
  }

  /** The exports whose calendar was stored longer than this ago. */
  public Set<UUID> storedBefore(Duration minimumAge) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(STORED_BEFORE)) {
      select.setLong(1, minimumAge.toSeconds());
      Set<UUID> uids = new HashSet<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          uids.add(rows.getObject(1, UUID.class));
        }
      }
      return uids;
    }
  }

  // --- deleting

  /** Deletes the export's calendar (its chunks cascade); true if there was one. */
  public boolean delete(UUID exportUid) throws SQLException {
    try (PreparedStatement delete = connection.prepareStatement(DELETE)) {
      delete.setObject(1, exportUid);
      return delete.executeUpdate() > 0;
    }
  }

  /**
   * Deletes the export's calendar and, in the same statement, its progress row (which a failed
   * generator may have left); true if there was a calendar.
   */
  public boolean deleteWithProgress(UUID exportUid) throws SQLException {
    try (PreparedStatement delete = connection.prepareStatement(DELETE_WITH_PROGRESS)) {
      delete.setObject(1, exportUid);
      delete.setObject(2, exportUid);
      return delete.executeUpdate() > 0;
    }
  }

  // --- a generator's writes

  /**
   * Waits for, then holds until the caller's transaction ends, the export's advisory lock: two
   * writers of one export take turns instead of colliding on the chunks' primary key.
   */
  public void lockExport(UUID exportUid) throws SQLException {
    try (PreparedStatement lock = connection.prepareStatement(LOCK_EXPORT)) {
      lock.setLong(1, exportUid.getMostSignificantBits() ^ exportUid.getLeastSignificantBits());
      lock.execute();
    }
  }

  /** Inserts chunks of the export's calendar one by one; close it once the last is in. */
  public ChunkWriter chunkWriter(UUID exportUid) throws SQLException {
    return new ChunkWriter(connection.prepareStatement(INSERT_CHUNK), exportUid);
  }

  /** One prepared insert, reused for every chunk of one calendar. */
  public static final class ChunkWriter implements AutoCloseable {

    private final PreparedStatement insert;
    private final UUID exportUid;

    private ChunkWriter(PreparedStatement insert, UUID exportUid) {
      this.insert = insert;
      this.exportUid = exportUid;
    }

    public void insert(int seq, byte[] data) throws SQLException {
      insert.setObject(1, exportUid);
      insert.setInt(2, seq);
      insert.setBytes(3, data);
      insert.executeUpdate();
    }

    @Override
    public void close() throws SQLException {
      insert.close();
    }
  }

  /** Inserts the summary row; with the deferred foreign key it may come after the chunks. */
  public void insertSummary(NewCalendar calendar) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(INSERT_SUMMARY)) {
      insert.setObject(1, calendar.exportUid());
      insert.setString(2, calendar.exportName());
      insert.setString(3, calendar.contentType());
      insert.setLong(4, calendar.sizeBytes());
      insert.setString(5, calendar.sha256());
      insert.setInt(6, calendar.events());
      insert.setInt(7, calendar.skipped());
      insert.setLong(8, calendar.todoRevision());
      insert.setString(9, calendar.calendarName());
      insert.setString(10, calendar.component());
      insert.setObject(11, calendar.filterCompleted(), Types.BOOLEAN);
      insert.setObject(12, calendar.filterWindowDays(), Types.INTEGER);
      insert.setString(13, calendar.generatorImage());
      insert.executeUpdate();
    }
  }

  // --- reuse

  /**
   * The newest calendar made the same way, without a window filter, from the current todo revision,
   * other than the export's own; the caller's snapshot decides what "current" is.
   */
  public Optional<ReusableCalendar> findReusable(UUID exportUid, ReuseKey key) throws SQLException {
    try (PreparedStatement find = connection.prepareStatement(FIND_REUSABLE)) {
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
            new ReusableCalendar(
                row.getObject("export_uid", UUID.class),
                row.getString("export_name"),
                row.getLong("todo_revision"),
                row.getString("content_type"),
                row.getLong("size_bytes"),
                row.getString("sha256").strip(),
                row.getInt("events"),
                row.getInt("skipped")));
      }
    }
  }

  /**
   * Copies the source's calendar (chunks and summary) to the target under the target's name. A
   * retried copy deletes the target's earlier copy (chunks cascade) first. Throws if the source's
   * summary is not in the caller's snapshot.
   */
  public void copy(UUID source, UUID target, String targetName) throws SQLException {
    delete(target);
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

package io.taskoverflow.generator;

import io.taskoverflow.model.job.ResultLocation;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The calendar's bytes on their way into {@code calendar_result_chunks}: a chunk is inserted each
 * time {@link #CHUNK_SIZE} bytes have arrived, while the size and sha256 are computed on the fly.
 * {@link #complete} inserts the summary row last; the deferred foreign key allows that order. The
 * caller commits.
 */
final class ResultUpload extends OutputStream {

  static final int CHUNK_SIZE = 256 * 1024;

  private final Connection connection;
  private final UUID exportUid;
  private final PreparedStatement insertChunk;
  private final MessageDigest sha256;
  private final byte[] chunk = new byte[CHUNK_SIZE];
  private int filled;
  private int seq;
  private long size;

  ResultUpload(Connection connection, UUID exportUid) throws SQLException {
    this.connection = connection;
    this.exportUid = exportUid;
    this.insertChunk =
        connection.prepareStatement(
            "INSERT INTO calendar_result_chunks (export_uid, seq, data) VALUES (?, ?, ?)");
    this.sha256 = newSha256();
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    while (length > 0) {
      int n = Math.min(length, CHUNK_SIZE - filled);
      System.arraycopy(bytes, offset, chunk, filled, n);
      filled += n;
      offset += n;
      length -= n;
      if (filled == CHUNK_SIZE) {
        storeChunk();
      }
    }
  }

  /** Stores what is left and the summary row; returns the stored result's facts. */
  StoredResult complete(String exportName, int events, int skipped, Provenance provenance)
      throws IOException {
    if (filled > 0) {
      storeChunk();
    }
    String hash = HexFormat.of().formatHex(sha256.digest());
    try (PreparedStatement insertSummary =
        connection.prepareStatement(
            "INSERT INTO calendar_results (export_uid, export_name, content_type, size_bytes,"
                + " sha256, events, skipped, todo_revision, calendar_name, component,"
                + " filter_completed, filter_window_days, generator_image)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      insertSummary.setObject(1, exportUid);
      insertSummary.setString(2, exportName);
      insertSummary.setString(3, ResultLocation.CONTENT_TYPE);
      insertSummary.setLong(4, size);
      insertSummary.setString(5, hash);
      insertSummary.setInt(6, events);
      insertSummary.setInt(7, skipped);
      insertSummary.setLong(8, provenance.todoRevision());
      insertSummary.setString(9, provenance.calendarName());
      insertSummary.setString(10, provenance.component());
      insertSummary.setObject(11, provenance.completed(), Types.BOOLEAN);
      insertSummary.setObject(12, provenance.windowDays(), Types.INTEGER);
      insertSummary.setString(13, provenance.generatorImage());
      insertSummary.executeUpdate();
      insertChunk.close();
    } catch (SQLException e) {
      throw new DatabaseIOException(e);
    }
    return new StoredResult(ResultLocation.of(exportUid), size, hash, events, skipped);
  }

  private void storeChunk() throws IOException {
    byte[] data = filled == CHUNK_SIZE ? chunk : Arrays.copyOf(chunk, filled);
    sha256.update(chunk, 0, filled);
    try {
      insertChunk.setObject(1, exportUid);
      insertChunk.setInt(2, seq);
      insertChunk.setBytes(3, data);
      insertChunk.executeUpdate();
    } catch (SQLException e) {
      throw new DatabaseIOException(e);
    }
    seq++;
    size += filled;
    filled = 0;
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /**
   * Carries a database failure through the OutputStream API, which only allows IOException; the
   * failure classifier unwraps it to read the SQLState.
   */
  static final class DatabaseIOException extends IOException {
    DatabaseIOException(SQLException cause) {
      super(cause.getMessage(), cause);
    }
  }
}

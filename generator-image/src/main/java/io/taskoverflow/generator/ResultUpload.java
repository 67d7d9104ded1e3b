package io.taskoverflow.generator;

import io.taskoverflow.calendars.StoredCalendars;
import io.taskoverflow.calendars.StoredCalendars.ChunkWriter;
import io.taskoverflow.calendars.StoredCalendars.NewCalendar;
import io.taskoverflow.model.job.ResultLocation;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
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

  private final StoredCalendars calendars;
  private final UUID exportUid;
  private final ChunkWriter insertChunk;
  private final MessageDigest sha256;
  private final byte[] chunk = new byte[CHUNK_SIZE];
  private int filled;
  private int seq;
  private long size;

  ResultUpload(StoredCalendars calendars, UUID exportUid) throws SQLException {
    this.calendars = calendars;
    this.exportUid = exportUid;
    this.insertChunk = calendars.chunkWriter(exportUid);
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
    try {
      calendars.insertSummary(
          new NewCalendar(
              exportUid,
              exportName,
              ResultLocation.CONTENT_TYPE,
              size,
              hash,
              events,
              skipped,
              provenance.todoRevision(),
              provenance.calendarName(),
              provenance.component(),
              provenance.completed(),
              provenance.windowDays(),
              provenance.generatorImage()));
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
      insertChunk.insert(seq, data);
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

package io.taskoverflow.api.export;

import io.taskoverflow.calendars.StoredCalendar;
import io.taskoverflow.model.job.ResultLocation;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLTransientConnectionException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stored calendars in a map, as a generator leaves them. While {@link #becomeUnreachable
 * unreachable} it fails as {@link CalendarResultRepository} does without a connection.
 */
public final class InMemoryCalendarResults implements CalendarResults {

  private record Entry(StoredCalendar summary, byte[] bytes) {}

  private final Map<UUID, Entry> byExport = new ConcurrentHashMap<>();
  private volatile boolean unreachable;

  /** Stores the calendar as the generator would for this export; answers its summary. */
  public StoredCalendar store(UUID exportUid, String calendar) {
    byte[] bytes = calendar.getBytes(StandardCharsets.UTF_8);
    int events = calendar.split("BEGIN:VEVENT", -1).length - 1;
    StoredCalendar summary =
        new StoredCalendar(ResultLocation.CONTENT_TYPE, bytes.length, sha256(bytes), events);
    byExport.put(exportUid, new Entry(summary, bytes));
    return summary;
  }

  /** As when the result expired and was deleted. */
  public void clear() {
    byExport.clear();
  }

  @Override
  public Optional<StoredCalendar> find(UUID exportUid) {
    ensureReachable(exportUid);
    return Optional.ofNullable(byExport.get(exportUid)).map(Entry::summary);
  }

  @Override
  public void copyTo(UUID exportUid, OutputStream out) {
    ensureReachable(exportUid);
    Entry entry = byExport.get(exportUid);
    if (entry == null) {
      return;
    }
    try {
      out.write(entry.bytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void becomeUnreachable() {
    unreachable = true;
  }

  private void ensureReachable(UUID exportUid) {
    if (unreachable) {
      throw new IllegalStateException(
          "could not read the calendar of " + exportUid,
          new SQLTransientConnectionException("Connection is not available, request timed out"));
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

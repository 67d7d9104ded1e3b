package io.taskoverflow.calendars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskoverflow.calendars.StoredCalendars.NewCalendar;
import io.taskoverflow.calendars.StoredCalendars.ReusableCalendar;
import io.taskoverflow.calendars.StoredCalendars.ReuseKey;
import io.taskoverflow.schema.TestDatabase;
import io.taskoverflow.schema.TestDatabase.ExportRows;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StoredCalendarsIT {

  private static final String IMAGE = "generator:1";
  private static final ReuseKey ALL = new ReuseKey("TaskOverflow", "VEVENT", null, IMAGE);

  @BeforeEach
  void emptyTables() {
    TestDatabase.reset();
  }

  @Test
  void aStoredCalendarReadsBackAsItsSummaryAndItsChunksInOrder() throws Exception {
    UUID uid = store("first", 7L, "b", "a", "c");

    try (Connection connection = TestDatabase.dataSource().getConnection()) {
      StoredCalendars calendars = new StoredCalendars(connection);
      assertThat(calendars.summary(uid))
          .contains(new StoredCalendar("text/calendar", 3, "0".repeat(64), 3));
      assertThat(calendars.todoRevision(uid)).hasValue(7);
      assertThat(chunks(calendars, uid)).isEqualTo("bac");
    }
  }

  @Test
  void chunksStreamOutsideAutocommitAFewPerRoundTrip() throws Exception {
    String[] many = new String[3 * StoredCalendars.CHUNKS_PER_FETCH + 1];
    for (int i = 0; i < many.length; i++) {
      many[i] = Integer.toString(i % 10);
    }
    UUID uid = store("many", 1L, many);

    try (Connection connection = TestDatabase.dataSource().getConnection()) {
      connection.setAutoCommit(false);
      assertThat(chunks(new StoredCalendars(connection), uid)).isEqualTo(String.join("", many));
      connection.rollback();
    }
  }

  @Test
  void aMissingCalendarHasNoSummaryNoChunksAndNoRevision() throws Exception {
    UUID missing = UUID.randomUUID();
    try (Connection connection = TestDatabase.dataSource().getConnection()) {
      StoredCalendars calendars = new StoredCalendars(connection);
      assertThat(calendars.summary(missing)).isEmpty();
      assertThat(calendars.todoRevision(missing)).isEmpty();
      assertThat(chunks(calendars, missing)).isEmpty();
      assertThat(calendars.delete(missing)).isFalse();
    }
  }

  @Test
  void aCalendarWithoutARecordedRevisionHasNone() throws Exception {
    UUID uid = UUID.randomUUID();
    TestDatabase.execute(
        "INSERT INTO calendar_results (export_uid, export_name, content_type, size_bytes, sha256,"
            + " events, skipped) VALUES (?, 'old', 'text/calendar', 0, repeat('0', 64), 0, 0)",
        uid);
    try (Connection connection = TestDatabase.dataSource().getConnection()) {
      assertThat(new StoredCalendars(connection).todoRevision(uid)).isEmpty();
    }
  }

  @Test
  void deletingACalendarTakesItsChunksAndOnlyItsOwn() throws Exception {
    UUID deleted = store("deleted", 1L, "x", "y");
    UUID kept = store("kept", 1L, "z");

    try (Connection connection = TestDatabase.dataSource().getConnection()) {
      assertThat(new StoredCalendars(connection).delete(deleted)).isTrue();
    }

    assertThat(TestDatabase.rowsOfExport(deleted)).isEqualTo(ExportRows.NONE);
    assertThat(TestDatabase.rowsOfExport(kept)).isEqualTo(new ExportRows(1, 1, 0));
  }

  @Test
  void deletingWithProgressTakesTheProgressRowEvenWithoutACalendar() throws Exception {
    UUID stored = store("stored", 1L, "x");
    UUID failed = UUID.randomUUID();
    UUID kept = store("kept", 1L, "x");
    for (UUID uid : new UUID[] {stored, failed, kept}) {
      TestDatabase.execute(
          "INSERT INTO export_progress (export_uid, written, total) VALUES (?, 1, 2)", uid);
    }

    try (Connection connection = TestDatabase.dataSource().getConnection()) {
      StoredCalendars calendars = new StoredCalendars(connection);
      assertThat(calendars.deleteWithProgress(stored)).isTrue();
      assertThat(calendars.deleteWithProgress(failed)).isFalse();
    }

    assertThat(TestDatabase.rowsOfExport(stored)).isEqualTo(ExportRows.NONE);
    assertThat(TestDatabase.rowsOfExport(failed)).isEqualTo(ExportRows.NONE);
    assertThat(TestDatabase.rowsOfExport(kept)).isEqualTo(new ExportRows(1, 1, 1));
  }

  @Test
  void onlyCalendarsOlderThanTheAgeAreListed() throws Exception {
    UUID old = store("old", 1L, "x");
    UUID young = store("young", 1L, "x");
    TestDatabase.execute(
        "UPDATE calendar_results SET created_at = now() - interval '2 hours' WHERE export_uid = ?",
        old);

    try (Connection connection = TestDatabase.dataSource().getConnection()) {
      StoredCalendars calendars = new StoredCalendars(connection);
      assertThat(calendars.storedBefore(Duration.ofHours(1))).containsExactly(old);
      assertThat(calendars.storedBefore(Duration.ZERO)).containsExactlyInAnyOrder(old, young);
    }
  }

  @Test
  void aGeneratorsChunksAndSummaryCommitTogetherUnderTheExportsLock() throws Exception {
    UUID uid = UUID.randomUUID();
    try (Connection connection = TestDatabase.dataSource().getConnection()) {
      connection.setAutoCommit(false);
      StoredCalendars calendars = new StoredCalendars(connection);
      calendars.lockExport(uid);
      try (StoredCalendars.ChunkWriter chunks = calendars.chunkWriter(uid)) {
        chunks.insert(0, bytes("BEGIN:"));
        chunks.insert(1, bytes("END"));
      }
      calendars.insertSummary(
          new NewCalendar(
              uid,
              "made",
              "text/calendar",
              9,
              "a".repeat(64),
              2,
              1,
              5L,
              "Cal",
              "VTODO",
              true,
              14,
              IMAGE));
      connection.commit();
    }

    try (Connection connection = TestDatabase.dataSource().getConnection()) {
      StoredCalendars calendars = new StoredCalendars(connection);
      assertThat(calendars.summary(uid))
          .contains(new StoredCalendar("text/calendar", 9, "a".repeat(64), 2));
      assertThat(chunks(calendars, uid)).isEqualTo("BEGIN:END");
      assertThat(calendars.todoRevision(uid)).hasValue(5);
    }
    try (Connection connection = TestDatabase.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery(
                "SELECT export_name, skipped, calendar_name, component, filter_completed,"
                    + " filter_window_days, generator_image FROM calendar_results")) {
      assertThat(row.next()).isTrue();
      assertThat(row.getString(1)).isEqualTo("made");
      assertThat(row.getInt(2)).isEqualTo(1);
      assertThat(row.getString(3)).isEqualTo("Cal");
      assertThat(row.getString(4)).isEqualTo("VTODO");
      assertThat(row.getObject(5)).isEqualTo(true);
      assertThat(row.getObject(6)).isEqualTo(14);
      assertThat(row.getString(7)).isEqualTo(IMAGE);
    }
  }

  @Test
  void theNewestCalendarOfTheCurrentRevisionMadeTheSameWayIsFoundAndCopied() throws Exception {
    long revision = TestDatabase.todoRevision();
    UUID older = store("older", revision, "old");
    UUID newer = store("newer", revision, "new", "er");
    UUID target = UUID.randomUUID();
    TestDatabase.execute(
        "UPDATE calendar_results SET created_at = now() - interval '1 hour' WHERE export_uid = ?",
        older);

    try (Connection connection = TestDatabase.dataSource().getConnection()) {
      StoredCalendars calendars = new StoredCalendars(connection);
      Optional<ReusableCalendar> found = calendars.findReusable(target, ALL);
      assertThat(found)
          .contains(
              new ReusableCalendar(
                  newer, "newer", revision, "text/calendar", 5, "0".repeat(64), 2, 0));
      // Its own calendar is never a source; another image's or another revision's neither.
      assertThat(calendars.findReusable(newer, ALL).map(ReusableCalendar::exportUid))
          .contains(older);
      assertThat(
              calendars.findReusable(target, new ReuseKey("TaskOverflow", "VEVENT", null, "g:2")))
          .isEmpty();

      // Chunks first, summary last: only the transaction's end checks the deferred foreign key.
      connection.setAutoCommit(false);
      calendars.copy(newer, target, "copy");
      connection.commit();
      assertThat(chunks(calendars, target)).isEqualTo("newer");
      assertThat(calendars.summary(target)).isEqualTo(calendars.summary(newer));
      assertThat(calendars.todoRevision(target)).hasValue(revision);

      // A retried copy replaces the earlier one rather than colliding with it.
      calendars.copy(older, target, "copy again");
      connection.commit();
      assertThat(chunks(calendars, target)).isEqualTo("old");
    }
    assertThat(TestDatabase.rowsOfExport("calendar_results", target)).isOne();
  }

  @Test
  void copyingACalendarThatIsNotThereFails() throws Exception {
    UUID missing = UUID.randomUUID();
    try (Connection connection = TestDatabase.dataSource().getConnection()) {
      connection.setAutoCommit(false);
      assertThatThrownBy(
              () -> new StoredCalendars(connection).copy(missing, UUID.randomUUID(), "copy"))
          .isInstanceOf(SQLException.class)
          .hasMessage("the calendar of " + missing + " vanished from the snapshot");
      connection.rollback();
    }
  }

  /** Stores a calendar as a generator would, under a new export uid; that uid. */
  private static UUID store(String name, Long revision, String... chunks) throws SQLException {
    UUID uid = UUID.randomUUID();
    try (Connection connection = TestDatabase.dataSource().getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement summary =
          connection.prepareStatement(
              "INSERT INTO calendar_results (export_uid, export_name, content_type, size_bytes,"
                  + " sha256, events, skipped, todo_revision, calendar_name, component,"
                  + " generator_image) VALUES (?, ?, 'text/calendar', ?, repeat('0', 64), ?, 0,"
                  + " ?, 'TaskOverflow', 'VEVENT', ?)")) {
        summary.setObject(1, uid);
        summary.setString(2, name);
        summary.setLong(3, String.join("", chunks).length());
        summary.setInt(4, chunks.length);
        summary.setObject(5, revision);
        summary.setString(6, IMAGE);
        summary.executeUpdate();
      }
      TestDatabase.insertChunksOutOfOrder(connection, uid, chunks);
      connection.commit();
    }
    return uid;
  }

  private static String chunks(StoredCalendars calendars, UUID uid) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    calendars.readChunks(uid, out::write);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}

package io.taskoverflow.operator.reuse;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoverflow.calendars.StoredCalendars.ReusableCalendar;
import io.taskoverflow.schema.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbcReusableCalendarsIT {

  private static final String IMAGE = "generator:1";
  private static final ReuseKey ALL = new ReuseKey("TaskOverflow", "VEVENT", null, IMAGE);

  private final JdbcReusableCalendars calendars =
      new JdbcReusableCalendars(TestDatabase.dataSource());
  private final UUID target = UUID.randomUUID();

  /** After too: the operator ITs' orphan sweep counts every stored calendar. */
  @BeforeEach
  @AfterEach
  void emptyTables() {
    TestDatabase.reset();
  }

  @Test
  void aCalendarOfTheCurrentRevisionIsCopiedByteForByte() throws SQLException {
    todo("a");
    UUID source =
        store("first", TestDatabase.todoRevision(), ALL, "BEGIN:VCALENDAR", "END:VCALENDAR");

    Optional<ReusableCalendar> reused = calendars.copyIfUnchanged(target, "second", ALL);

    assertThat(reused).isPresent();
    assertThat(reused.get().exportName()).isEqualTo("first");
    assertThat(reused.get().exportUid()).isEqualTo(source);
    assertThat(reused.get().sha256()).isEqualTo(sha(source));
    assertThat(TestDatabase.storedCalendar(target))
        .isEqualTo(TestDatabase.storedCalendar(source))
        .isNotEmpty();
    assertThat(name(target)).isEqualTo("second");
  }

  @Test
  void anyTodoChangeAfterTheCalendarWasMadeStopsTheReuse() throws SQLException {
    long id = todo("a");
    store("first", TestDatabase.todoRevision(), ALL, "x");
    TestDatabase.execute("UPDATE todos SET completed = true WHERE id = " + id);
    assertThat(calendars.copyIfUnchanged(target, "second", ALL)).isEmpty();

    store("after-update", TestDatabase.todoRevision(), ALL, "x");
    TestDatabase.execute("DELETE FROM todos WHERE id = " + id);
    assertThat(calendars.copyIfUnchanged(target, "second", ALL)).isEmpty();

    store("after-delete", TestDatabase.todoRevision(), ALL, "x");
    todo("b");
    assertThat(calendars.copyIfUnchanged(target, "second", ALL)).isEmpty();
    assertThat(TestDatabase.storedCalendar(target)).isEmpty();
  }

  @Test
  void onlyTheSameOptionsAndImageMatch() throws SQLException {
    todo("a");
    store("first", TestDatabase.todoRevision(), ALL, "x");

    assertThat(calendars.copyIfUnchanged(target, "t", key("Work", "VEVENT", null))).isEmpty();
    assertThat(calendars.copyIfUnchanged(target, "t", key("TaskOverflow", "VTODO", null)))
        .isEmpty();
    assertThat(calendars.copyIfUnchanged(target, "t", key("TaskOverflow", "VEVENT", false)))
        .isEmpty();
    assertThat(calendars.copyIfUnchanged(target, "t", key("TaskOverflow", "VEVENT", true)))
        .isEmpty();
    assertThat(
            calendars.copyIfUnchanged(
                target, "t", new ReuseKey("TaskOverflow", "VEVENT", null, "generator:2")))
        .isEmpty();
    assertThat(calendars.copyIfUnchanged(target, "t", ALL)).isPresent();
  }

  @Test
  void aWindowedCalendarAndOneWithoutProvenanceAreNeverSources() throws SQLException {
    todo("a");
    long revision = TestDatabase.todoRevision();
    UUID windowed = store("windowed", revision, ALL, "x");
    TestDatabase.execute(
        "UPDATE calendar_results SET filter_window_days = 7 WHERE export_uid = '" + windowed + "'");
    UUID old = store("old", revision, ALL, "x");
    TestDatabase.execute(
        "UPDATE calendar_results SET todo_revision = NULL, generator_image = NULL"
            + " WHERE export_uid = '"
            + old
            + "'");

    assertThat(calendars.copyIfUnchanged(target, "t", ALL)).isEmpty();
  }

  @Test
  void theNewestMatchingCalendarIsTheSource() throws SQLException {
    todo("a");
    long revision = TestDatabase.todoRevision();
    store("older", revision, ALL, "x");
    TestDatabase.execute("UPDATE calendar_results SET created_at = now() - interval '1 minute'");
    store("newer", revision, ALL, "x");

    assertThat(calendars.copyIfUnchanged(target, "t", ALL))
        .map(ReusableCalendar::exportName)
        .contains("newer");
  }

  @Test
  void copyingAgainReplacesTheEarlierCopyAndDeletingTheSourceKeepsIt() throws SQLException {
    todo("a");
    UUID source = store("first", TestDatabase.todoRevision(), ALL, "one", "two", "three");

    calendars.copyIfUnchanged(target, "second", ALL);
    calendars.copyIfUnchanged(target, "second", ALL);
    TestDatabase.execute("DELETE FROM calendar_results WHERE export_uid = '" + source + "'");

    assertThat(new String(TestDatabase.storedCalendar(target), StandardCharsets.UTF_8))
        .isEqualTo("onetwothree");
  }

  @Test
  void aRevisionCommittedDuringTheLookupIsNotSeenButOneCommittedBeforeIs() throws Exception {
    todo("a");
    store("first", TestDatabase.todoRevision(), ALL, "x");
    try (Connection writer = TestDatabase.dataSource().getConnection()) {
      writer.setAutoCommit(false);
      try (Statement statement = writer.createStatement()) {
        statement.execute(
            "INSERT INTO todos (title, created_at, updated_at) VALUES ('b', now(), now())");
      }
      // Not yet committed: the copy is of the state before it, as a generator would read now.
      assertThat(calendars.copyIfUnchanged(target, "second", ALL)).isPresent();
      writer.commit();
    }
    assertThat(calendars.copyIfUnchanged(UUID.randomUUID(), "third", ALL)).isEmpty();
  }

  // --- fixtures

  private static ReuseKey key(String name, String component, Boolean completed) {
    return new ReuseKey(name, component, completed, IMAGE);
  }

  private static long todo(String title) throws SQLException {
    return (int) // id is a SERIAL, which JDBC reads as an Integer
        TestDatabase.row(
                "INSERT INTO todos (title, created_at, updated_at) VALUES (?, now(), now())"
                    + " RETURNING id",
                title)
            .get(0);
  }

  /** A calendar as a generator stores it, with its provenance. */
  private static UUID store(String name, long revision, ReuseKey key, String... chunks)
      throws SQLException {
    UUID uid = UUID.randomUUID();
    try (Connection connection = TestDatabase.dataSource().getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement chunk =
          connection.prepareStatement(
              "INSERT INTO calendar_result_chunks (export_uid, seq, data) VALUES (?, ?, ?)")) {
        for (int i = 0; i < chunks.length; i++) {
          chunk.setObject(1, uid);
          chunk.setInt(2, i);
          chunk.setBytes(3, chunks[i].getBytes(StandardCharsets.UTF_8));
          chunk.executeUpdate();
        }
      }
      try (PreparedStatement summary =
          connection.prepareStatement(
              "INSERT INTO calendar_results (export_uid, export_name, content_type, size_bytes,"
                  + " sha256, events, skipped, todo_revision, calendar_name, component,"
                  + " filter_completed, generator_image)"
                  + " VALUES (?, ?, 'text/calendar', 1, ?, 1, 0, ?, ?, ?, ?, ?)")) {
        summary.setObject(1, uid);
        summary.setString(2, name);
        summary.setString(3, String.format("%064x", uid.getLeastSignificantBits() & 0xffff));
        summary.setLong(4, revision);
        summary.setString(5, key.calendarName());
        summary.setString(6, key.component());
        summary.setObject(7, key.completed(), Types.BOOLEAN);
        summary.setString(8, key.generatorImage());
        summary.executeUpdate();
      }
      connection.commit();
    }
    return uid;
  }

  private static String sha(UUID uid) throws SQLException {
    return column(uid, "sha256").strip();
  }

  private static String name(UUID uid) throws SQLException {
    return column(uid, "export_name");
  }

  private static String column(UUID uid, String column) throws SQLException {
    try (Connection connection = TestDatabase.dataSource().getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT " + column + " FROM calendar_results WHERE export_uid = ?")) {
      query.setObject(1, uid);
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? row.getString(1) : null;
      }
    }
  }
}

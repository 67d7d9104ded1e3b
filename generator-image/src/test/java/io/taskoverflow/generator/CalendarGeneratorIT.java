package io.taskoverflow.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskoverflow.model.job.ResultLocation;
import io.taskoverflow.model.spec.CalendarComponent;
import io.taskoverflow.schema.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import net.fortuna.ical4j.model.Component;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CalendarGeneratorIT {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

  private final UUID exportUid = UUID.randomUUID();

  @BeforeEach
  void emptyTables() {
    TestDatabase.reset();
  }

  @Test
  void aVeventCalendarHoldsTodosWithDeadlineAndCountsTheRest() {
    long withDeadline =
        TodoTable.insert("Ship it", "Before lunch", false, LocalDateTime.of(2023, 4, 3, 14, 0));
    TodoTable.insert("Someday", null, false, null);
    long completed = TodoTable.insert("Done", null, true, LocalDateTime.of(2023, 4, 4, 9, 30));

    StoredResult result = generate(CalendarComponent.VEVENT, TodoFilter.ALL);

    assertThat(result.events()).isEqualTo(2);
    assertThat(result.skipped()).isEqualTo(1);
    List<Component> events = ParsedCalendar.parse(stored().bytes()).components("VEVENT");
    assertThat(events)
        .extracting(
            e -> ParsedCalendar.property(e, "UID"), e -> ParsedCalendar.property(e, "DTSTART"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(uid(withDeadline), "20230403T140000"),
            org.assertj.core.groups.Tuple.tuple(uid(completed), "20230404T093000"));
    assertThat(ParsedCalendar.property(events.get(0), "DESCRIPTION")).isEqualTo("Before lunch");
    assertThat(ParsedCalendar.property(events.get(1), "DESCRIPTION")).isNull();
  }

  @Test
  void aVtodoCalendarKeepsEveryTodoWithDueAndStatus() {
    TodoTable.insert("Ship it", null, false, LocalDateTime.of(2023, 4, 3, 14, 0));
    TodoTable.insert("Someday", null, true, null);

    StoredResult result = generate(CalendarComponent.VTODO, TodoFilter.ALL);

    assertThat(result.events()).isEqualTo(2);
    assertThat(result.skipped()).isZero();
    assertThat(ParsedCalendar.parse(stored().bytes()).components("VTODO"))
        .extracting(
            t -> ParsedCalendar.property(t, "DUE"), t -> ParsedCalendar.property(t, "STATUS"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("20230403T140000", "NEEDS-ACTION"),
            org.assertj.core.groups.Tuple.tuple(null, "COMPLETED"));
  }

  @Test
  void theExportFiltersApply() {
    TodoTable.insert("open, soon", null, false, LocalDateTime.of(2026, 3, 2, 8, 0));
    TodoTable.insert("done, soon", null, true, LocalDateTime.of(2026, 3, 2, 8, 0));
    TodoTable.insert("open, later", null, false, LocalDateTime.of(2026, 5, 1, 8, 0));

    StoredResult result = generate(CalendarComponent.VTODO, new TodoFilter(false, 7));

    assertThat(result.events()).isEqualTo(1);
    assertThat(ParsedCalendar.parse(stored().bytes()).components("VTODO"))
        .extracting(t -> ParsedCalendar.property(t, "SUMMARY"))
        .containsExactly("open, soon");
  }

  @Test
  void theStoredCalendarIsExactlyTheProducedBytesAcrossSeveralChunks() throws Exception {
    List<Todo> todos = CalendarWriterPropertyTest.awkwardTodos(new Random(7), 2_500);
    for (Todo todo : todos) {
      TodoTable.insert(todo.title(), todo.description(), todo.completed(), todo.deadlineAt());
    }

    StoredResult result = generate(CalendarComponent.VEVENT, TodoFilter.ALL);

    byte[] produced = produceInMemory(CalendarComponent.VEVENT);
    StoredCalendar stored = stored();
    assertThat(stored.chunks()).isGreaterThan(2);
    assertThat(stored.bytes()).isEqualTo(produced);
    assertThat(stored.sizeBytes()).isEqualTo(produced.length).isEqualTo(result.sizeBytes());
    assertThat(stored.sha256())
        .isEqualTo(StoredCalendar.sha256(produced))
        .isEqualTo(result.sha256());
    assertThat(stored.contentType()).isEqualTo(ResultLocation.CONTENT_TYPE);
    assertThat(stored.exportName()).isEqualTo("weekly");
    assertThat(stored.events()).isEqualTo(result.events());
    assertThat(stored.skipped()).isEqualTo(result.skipped());
    assertThat(result.location()).isEqualTo(ResultLocation.of(exportUid));
  }

  /** Compressing them was most of the store's time (db-schema V4: STORAGE EXTERNAL). */
  @Test
  void chunksAreStoredUncompressed() throws Exception {
    TodoTable.insertMany(3_000); // highly compressible text, more than one chunk

    generate(CalendarComponent.VEVENT, TodoFilter.ALL);

    List<Object> chunks =
        TestDatabase.row(
            "SELECT count(*), count(pg_column_compression(data)),"
                + " sum(pg_column_size(data)), sum(octet_length(data))"
                + " FROM calendar_result_chunks WHERE export_uid = ?",
            exportUid);
    assertThat((long) chunks.get(0)).isGreaterThan(1);
    assertThat((long) chunks.get(1)).as("compressed chunks").isZero();
    assertThat((long) chunks.get(2)).isGreaterThanOrEqualTo((long) chunks.get(3));
  }

  @Test
  void aRerunReplacesTheEarlierResultInsteadOfAddingToIt() {
    TodoTable.insertMany(3_000);
    generate(CalendarComponent.VTODO, TodoFilter.ALL);
    int chunksBefore = stored().chunks();
    TestDatabase.reset();
    TodoTable.insert("only one left", null, false, null);

    StoredResult rerun = generate(CalendarComponent.VTODO, TodoFilter.ALL);

    StoredCalendar stored = stored();
    assertThat(chunksBefore).isGreaterThan(1);
    assertThat(stored.chunks()).isEqualTo(1);
    assertThat(stored.events()).isEqualTo(1).isEqualTo(rerun.events());
    assertThat(stored.sha256()).isEqualTo(StoredCalendar.sha256(stored.bytes()));
    assertThat(ParsedCalendar.parse(stored.bytes()).components("VTODO")).hasSize(1);
  }

  @Test
  void aFailedRunKeepsTheEarlierResult() {
    TodoTable.insert("kept", null, false, null);
    generate(CalendarComponent.VTODO, TodoFilter.ALL);
    String before = stored().sha256();
    TodoTable.execute("ALTER TABLE todos RENAME TO todos_away");
    try {
      assertThatThrownBy(() -> generate(CalendarComponent.VTODO, TodoFilter.ALL))
          .hasMessageContaining("todos");
    } finally {
      TodoTable.execute("ALTER TABLE todos_away RENAME TO todos");
    }

    assertThat(stored().sha256()).isEqualTo(before);
  }

  @Test
  void aCalendarOverItsLimitFailsAndStoresNothing() throws Exception {
    TodoTable.insertMany(3_000); // several chunks: some reach the database before the limit
    long size = produceInMemory(CalendarComponent.VEVENT).length;
    assertThat(size).isGreaterThan(2L * ResultUpload.CHUNK_SIZE);

    assertThatThrownBy(
            () -> generate(config(CalendarComponent.VEVENT, TodoFilter.ALL, size - 1), CLOCK))
        .hasRootCauseInstanceOf(ResultSizeLimit.TooLargeException.class)
        .hasMessage(
            "calendar exceeds the limit of " + (size - 1) + " bytes (GENERATOR_MAX_RESULT_BYTES)");

    assertThat(stored()).isNull();
    assertThat(TestDatabase.rowsOfExport("calendar_result_chunks", exportUid)).isZero();
  }

  @Test
  void aCalendarOfExactlyItsLimitIsStored() throws Exception {
    TodoTable.insertMany(3_000);
    byte[] produced = produceInMemory(CalendarComponent.VEVENT);

    StoredResult result =
        generate(config(CalendarComponent.VEVENT, TodoFilter.ALL, produced.length), CLOCK);

    assertThat(result.sizeBytes()).isEqualTo(produced.length);
    assertThat(stored().bytes()).isEqualTo(produced);
  }

  @Test
  void aCalendarOverItsLimitKeepsTheEarlierResult() {
    TodoTable.insert("kept", null, false, LocalDateTime.of(2026, 3, 2, 8, 0));
    generate(CalendarComponent.VEVENT, TodoFilter.ALL);
    String before = stored().sha256();

    assertThatThrownBy(() -> generate(config(CalendarComponent.VEVENT, TodoFilter.ALL, 100), CLOCK))
        .hasRootCauseInstanceOf(ResultSizeLimit.TooLargeException.class);

    assertThat(stored().sha256()).isEqualTo(before);
  }

  @Test
  void todoUidsAreStableAcrossExportsAndCarryTheInstallationId() {
    long id = TodoTable.insert("same", null, false, LocalDateTime.of(2026, 3, 2, 8, 0));

    generate(CalendarComponent.VEVENT, TodoFilter.ALL);
    String first =
        ParsedCalendar.property(
            ParsedCalendar.parse(stored().bytes()).components("VEVENT").get(0), "UID");
    generate(CalendarComponent.VTODO, TodoFilter.ALL);
    String second =
        ParsedCalendar.property(
            ParsedCalendar.parse(stored().bytes()).components("VTODO").get(0), "UID");

    assertThat(first).isEqualTo(second).isEqualTo(uid(id));
  }

  @Test
  void theCalendarRecordsTheTodosRevisionAndTheOptionsItWasMadeWith() throws Exception {
    TodoTable.insert("a", null, true, LocalDateTime.of(2026, 3, 2, 8, 0));
    long revision = TestDatabase.todoRevision();

    generate(CalendarComponent.VTODO, new TodoFilter(true, 3));

    assertThat(
            TestDatabase.row(
                "SELECT todo_revision, calendar_name, component, filter_completed,"
                    + " filter_window_days, generator_image FROM calendar_results"
                    + " WHERE export_uid = ?",
                exportUid))
        .containsExactly(revision, "Weekly", "VTODO", true, 3, "generator:test");
  }

  @Test
  void absentFiltersAreStoredAsNull() throws Exception {
    TodoTable.insert("a", null, false, null);

    generate(CalendarComponent.VEVENT, TodoFilter.ALL);

    assertThat(
            TestDatabase.row(
                "SELECT filter_completed, filter_window_days FROM calendar_results"
                    + " WHERE export_uid = ?",
                exportUid))
        .containsExactly(null, null);
  }

  /**
   * What makes reuse correct: over the same revision with the same options, a later run gives the
   * same bytes but for DTSTAMP.
   */
  @Test
  void twoRunsOverTheSameTodosDifferOnlyInDtstamp() {
    for (Todo todo : CalendarWriterPropertyTest.awkwardTodos(new Random(11), 1_500)) {
      TodoTable.insert(todo.title(), todo.description(), todo.completed(), todo.deadlineAt());
    }
    generate(CalendarComponent.VEVENT, TodoFilter.ALL);
    byte[] first = stored().bytes();

    generate(
        CalendarComponent.VEVENT,
        TodoFilter.ALL,
        Clock.fixed(Instant.parse("2026-09-30T23:59:59Z"), ZoneOffset.UTC));
    byte[] later = stored().bytes();

    assertThat(later).isNotEqualTo(first);
    assertThat(IcsLines.withoutDtstamp(later)).isEqualTo(IcsLines.withoutDtstamp(first));
  }

  private StoredResult generate(CalendarComponent component, TodoFilter filter) {
    return generate(component, filter, CLOCK);
  }

  private StoredResult generate(CalendarComponent component, TodoFilter filter, Clock clock) {
    return generate(config(component, filter, Long.MAX_VALUE), clock);
  }

  private StoredResult generate(GeneratorConfig config, Clock clock) {
    try (Connection read = Database.connect(config);
        Connection write = Database.connect(config);
        ProgressTable progress = ProgressTable.open(config)) {
      return new CalendarGenerator(config, clock, progress).run(read, write);
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private byte[] produceInMemory(CalendarComponent component) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CalendarWriter writer =
        new CalendarWriter(
            new ContentLineWriter(out), component, TodoTable.installationId(), CLOCK.instant());
    writer.begin("Weekly");
    try (Connection connection = TestDatabase.dataSource().getConnection()) {
      connection.setAutoCommit(false);
      new TodoQuery(TodoFilter.ALL, CLOCK).forEach(connection, writer::write);
    }
    writer.end();
    return out.toByteArray();
  }

  private GeneratorConfig config(
      CalendarComponent component, TodoFilter filter, long maxResultBytes) {
    Map<String, String> env = new java.util.HashMap<>();
    env.put("DB_URL", TestDatabase.jdbcUrl());
    env.put("DB_USER", TestDatabase.user());
    env.put("DB_PASSWORD", TestDatabase.password());
    env.put("EXPORT_NAME", "weekly");
    env.put("EXPORT_UID", exportUid.toString());
    env.put("CALENDAR_NAME", "Weekly");
    GeneratorConfig base = GeneratorConfig.fromEnv(env);
    return new GeneratorConfig(
        base.dbUrl(),
        base.dbUser(),
        base.dbPassword(),
        base.dbStatementTimeout(),
        base.exportName(),
        base.exportNamespace(),
        base.exportUid(),
        base.calendarName(),
        component,
        filter,
        "generator:test",
        maxResultBytes);
  }

  private StoredCalendar stored() {
    return StoredCalendar.read(exportUid);
  }

  private static String uid(long todoId) {
    return "todo-" + todoId + "-" + TodoTable.installationId() + "@taskoverflow.io";
  }
}

package io.taskoverflow.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoverflow.schema.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The progress rows a run leaves in export_progress (db-schema V7) for the api-server. */
class ExportProgressIT {

  private static final LocalDateTime DEADLINE = LocalDateTime.of(2026, 4, 3, 14, 0);
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private final UUID exportUid = UUID.randomUUID();

  /** Half a second passes between any two readings: every todo is worth an update. */
  private final LongSupplier slowClock = new AtomicLong()::incrementAndGet;

  @BeforeEach
  void emptyTables() {
    TestDatabase.reset();
  }

  @Test
  void aRunReportsEachTodoOutOfTheFilteredTotalAndRemovesItsRowOnceStored() throws Exception {
    TodoTable.insert("open", null, false, DEADLINE);
    TodoTable.insert("open, no deadline", null, false, null); // skipped, but handled
    TodoTable.insert("done", null, true, DEADLINE);
    TodoTable.insert("open too", null, false, DEADLINE);
    GeneratorConfig config = config(Map.of("FILTER_COMPLETED", "false"));

    List<Optional<Row>> seen = new ArrayList<>();
    try (Connection connection = Database.connect(config)) {
      ProgressTable table = new ProgressTable(connection, exportUid, halfSecondPerReading());
      generate(config, new Watched(table, seen));
    }

    assertThat(seen)
        .containsExactly(
            Optional.of(new Row(0, 3L)),
            Optional.of(new Row(1, 3L)),
            Optional.of(new Row(2, 3L)),
            Optional.of(new Row(3, 3L)),
            Optional.empty());
    assertThat(row()).isEmpty();
  }

  @Test
  void updatesWaitForTheInterval() throws Exception {
    TodoTable.insertMany(50);
    GeneratorConfig config = config(Map.of());
    List<Optional<Row>> seen = new ArrayList<>();
    try (Connection connection = Database.connect(config)) {
      ProgressTable table = new ProgressTable(connection, exportUid, () -> 0);
      generate(config, new Watched(table, seen));
    }

    // The clock stands still: only the start is written, then the row goes.
    assertThat(seen).startsWith(Optional.of(new Row(0, 50L))).endsWith(Optional.empty());
    assertThat(seen.subList(0, seen.size() - 1)).containsOnly(Optional.of(new Row(0, 50L)));
  }

  @Test
  void aProgressTableThatCannotWriteKeepsTheReasonAndTheExportStillSucceeds() throws Exception {
    TodoTable.insert("open", null, false, DEADLINE);
    GeneratorConfig config = config(Map.of());
    Connection closed = Database.connect(config);
    closed.close();
    ProgressTable progress = new ProgressTable(closed, exportUid, halfSecondPerReading());

    StoredResult result = generate(config, progress);

    assertThat(result.events()).isEqualTo(1);
    assertThat(StoredCalendar.read(exportUid).bytes()).isNotEmpty();
    assertThat(progress.failure()).hasValueSatisfying(why -> assertThat(why).contains("closed"));
  }

  @Test
  void theGeneratorProcessLeavesNoProgressRow() {
    TodoTable.insertMany(20);

    GeneratorProcess.Result result =
        GeneratorProcess.forTestDatabase().env("EXPORT_UID", exportUid.toString()).run(TIMEOUT);

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(row()).isEmpty();
  }

  private StoredResult generate(GeneratorConfig config, Progress progress) throws Exception {
    try (Connection read = Database.connect(config);
        Connection write = Database.connect(config)) {
      return new CalendarGenerator(config, Clock.systemUTC(), progress).run(read, write);
    }
  }

  private LongSupplier halfSecondPerReading() {
    long step = ProgressTable.INTERVAL.toNanos();
    return () -> slowClock.getAsLong() * step;
  }

  private GeneratorConfig config(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(extra);
    env.put("DB_URL", TestDatabase.jdbcUrl());
    env.put("DB_USER", TestDatabase.user());
    env.put("DB_PASSWORD", TestDatabase.password());
    env.put("EXPORT_NAME", "progress");
    env.put("EXPORT_UID", exportUid.toString());
    return GeneratorConfig.fromEnv(env);
  }

  private record Row(long written, Long total) {}

  private Optional<Row> row() {
    try (Connection connection = TestDatabase.dataSource().getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT written, total FROM export_progress WHERE export_uid = ?")) {
      query.setObject(1, exportUid);
      try (ResultSet row = query.executeQuery()) {
        return row.next()
            ? Optional.of(new Row(row.getLong(1), row.getObject(2, Long.class)))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads the row, as the api-server would, after every report the run makes. */
  private final class Watched implements Progress {
    private final Progress delegate;
    private final List<Optional<Row>> seen;

    Watched(Progress delegate, List<Optional<Row>> seen) {
      this.delegate = delegate;
      this.seen = seen;
    }

    @Override
    public void started(Long total) {
      delegate.started(total);
      seen.add(row());
    }

    @Override
    public void handled(long handled) {
      delegate.handled(handled);
      seen.add(row());
    }

    @Override
    public void finished() {
      delegate.finished();
      seen.add(row());
    }
  }
}

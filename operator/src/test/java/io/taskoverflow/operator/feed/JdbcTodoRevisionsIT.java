package io.taskoverflow.operator.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoverflow.schema.TestDatabase;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbcTodoRevisionsIT {

  private final JdbcTodoRevisions revisions = new JdbcTodoRevisions(TestDatabase.dataSource());

  @BeforeEach
  @AfterEach
  void emptyTables() {
    TestDatabase.reset();
  }

  @Test
  void aTodoChangeAdvancesTheRevisionAndRestartsTheQuiet() throws SQLException {
    TestDatabase.execute("UPDATE todo_revision SET changed_at = now() - interval '1 hour'");
    TodoState before = revisions.current();
    assertThat(before.quiet()).isGreaterThanOrEqualTo(Duration.ofMinutes(59));

    TestDatabase.execute(
        "INSERT INTO todos (title, created_at, updated_at) VALUES ('a', now(), now())");
    TodoState after = revisions.current();

    assertThat(after.revision()).isEqualTo(before.revision() + 1);
    assertThat(after.quiet()).isLessThan(Duration.ofMinutes(1));
  }

  @Test
  void tellsTheRevisionAStoredCalendarWasMadeFrom() throws SQLException {
    UUID stored = UUID.randomUUID();
    UUID legacy = UUID.randomUUID();
    store(stored, 42L);
    store(legacy, null);

    assertThat(revisions.ofCalendar(stored)).hasValue(42);
    assertThat(revisions.ofCalendar(legacy)).as("stored before V5").isEmpty();
    assertThat(revisions.ofCalendar(UUID.randomUUID())).as("not stored").isEmpty();
  }

  private static void store(UUID uid, Long revision) throws SQLException {
    TestDatabase.execute(
        "INSERT INTO calendar_results (export_uid, export_name, content_type, size_bytes,"
            + " sha256, events, skipped, todo_revision)"
            + " VALUES (?, 'x', 'text/calendar', 0, ?, 0, 0, ?)",
        uid,
        "0".repeat(64),
        revision);
  }
}

package io.taskoverflow.operator.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoverflow.schema.TestDatabase;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbcCalendarStoreIT {

  private final JdbcCalendarStore store = new JdbcCalendarStore(TestDatabase.dataSource());

  @BeforeEach
  void emptyTables() {
    TestDatabase.reset();
  }

  @Test
  void deletingAnExportsCalendarDeletesItsProgressRowAndNoOtherExportsRows() throws SQLException {
    UUID deleted = UUID.randomUUID();
    UUID kept = UUID.randomUUID();
    for (UUID uid : new UUID[] {deleted, kept}) {
      TestDatabase.execute(
          "INSERT INTO calendar_results (export_uid, export_name, content_type, size_bytes,"
              + " sha256, events, skipped) VALUES (?, 'x', 'text/calendar', 0, repeat('0', 64), 0, 0)",
          uid);
      TestDatabase.execute(
          "INSERT INTO export_progress (export_uid, written, total) VALUES (?, 1, 2)", uid);
    }

    assertThat(store.delete(deleted)).isTrue();

    assertThat(TestDatabase.rowsOfExport("calendar_results", deleted)).isZero();
    assertThat(TestDatabase.rowsOfExport("export_progress", deleted)).isZero();
    assertThat(TestDatabase.rowsOfExport("calendar_results", kept)).isOne();
    assertThat(TestDatabase.rowsOfExport("export_progress", kept)).isOne();
  }

  @Test
  void aFailedRunsProgressRowGoesAlthoughThereIsNoCalendar() throws SQLException {
    UUID failed = UUID.randomUUID();
    TestDatabase.execute(
        "INSERT INTO export_progress (export_uid, written, total) VALUES (?, 1, NULL)", failed);

    assertThat(store.delete(failed)).isFalse();

    assertThat(TestDatabase.rowsOfExport("export_progress", failed)).isZero();
  }
}

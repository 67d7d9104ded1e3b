package io.taskoverflow.operator.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoverflow.schema.TestDatabase;
import io.taskoverflow.schema.TestDatabase.ExportRows;
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

    assertThat(TestDatabase.rowsOfExport(deleted)).isEqualTo(ExportRows.NONE);
    assertThat(TestDatabase.rowsOfExport(kept)).isEqualTo(new ExportRows(1, 0, 1));
  }

  @Test
  void aFailedRunsProgressRowGoesAlthoughThereIsNoCalendar() throws SQLException {
    UUID failed = UUID.randomUUID();
    TestDatabase.execute(
        "INSERT INTO export_progress (export_uid, written, total) VALUES (?, 1, NULL)", failed);

    assertThat(store.delete(failed)).isFalse();

    assertThat(TestDatabase.rowsOfExport(failed)).isEqualTo(ExportRows.NONE);
  }
}

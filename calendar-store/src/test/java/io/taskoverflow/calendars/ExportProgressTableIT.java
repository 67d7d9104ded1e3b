package io.taskoverflow.calendars;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoverflow.schema.TestDatabase;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExportProgressTableIT {

  @BeforeEach
  void emptyTables() {
    TestDatabase.reset();
  }

  @Test
  void aReportReplacesTheExportsEarlierOneAndADeleteEndsIt() throws Exception {
    UUID uid = UUID.randomUUID();
    UUID other = UUID.randomUUID();
    try (Connection connection = TestDatabase.dataSource().getConnection()) {
      ExportProgressTable progress = new ExportProgressTable(connection);
      progress.report(uid, 0, null, 5);
      progress.report(other, 3, 4L, 5);
      assertThat(progress.find(List.of(uid, other), 1))
          .isEqualTo(Map.of(uid, new ExportProgress(0, null), other, new ExportProgress(3, 4L)));

      progress.report(uid, 10, 20L, 5);
      assertThat(progress.find(List.of(uid), 1))
          .isEqualTo(Map.of(uid, new ExportProgress(10, 20L)));

      progress.delete(uid, 5);
      progress.delete(UUID.randomUUID(), 5);
      assertThat(progress.find(List.of(uid, other), 1))
          .isEqualTo(Map.of(other, new ExportProgress(3, 4L)));
    }
    assertThat(TestDatabase.rowsOfExport("export_progress", uid)).isZero();
  }

  @Test
  void exportsWithoutARowAreLeftOut() throws Exception {
    try (Connection connection = TestDatabase.dataSource().getConnection()) {
      assertThat(new ExportProgressTable(connection).find(List.of(UUID.randomUUID()), 1)).isEmpty();
    }
  }
}

package io.taskoverflow.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatabaseSchemaIT {

  @Test
  void migrationCreatesTheTodoAndCalendarTables() throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Connection connection = TestDatabase.dataSource().getConnection();
        ResultSet rows =
            connection
                .createStatement()
                .executeQuery(
                    "SELECT table_name FROM information_schema.tables"
                        + " WHERE table_schema = 'public' ORDER BY table_name")) {
      while (rows.next()) {
        tables.add(rows.getString(1));
      }
    }
    assertThat(tables)
        .contains(
            "todos",
            "calendar_results",
            "calendar_result_chunks",
            "installation",
            "flyway_schema_history");
  }

  @Test
  void migratingAgainAppliesNothing() {
    TestDatabase.postgres();
    assertThat(DatabaseSchema.migrate(TestDatabase.dataSource()).migrationsExecuted).isZero();
  }
}

package io.taskoverflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoverflow.schema.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiMainIT {

  @Test
  void migrateBringsAnEmptyDatabaseToTheCurrentSchemaAndIsIdempotent() throws SQLException {
    String database = "migrate_" + ProcessHandle.current().pid();
    try (Connection admin = TestDatabase.dataSource().getConnection()) {
      admin.createStatement().execute("DROP DATABASE IF EXISTS " + database);
      admin.createStatement().execute("CREATE DATABASE " + database);
    }
    ApiConfig config =
        ApiConfig.fromEnv(
            Map.of(
                "DB_URL", TestDatabase.postgres().getJdbcUrl("postgres", database),
                "DB_USER", TestDatabase.user(),
                "DB_PASSWORD", TestDatabase.password()));

    assertThat(ApiApplication.migrate(config)).isPositive();
    assertThat(ApiApplication.migrate(config)).isZero();
    try (Connection connection =
            TestDatabase.postgres().getDatabase("postgres", database).getConnection();
        ResultSet todos = connection.createStatement().executeQuery("SELECT count(*) FROM todos")) {
      assertThat(todos.next()).isTrue();
      assertThat(todos.getInt(1)).isZero();
    }
  }
}

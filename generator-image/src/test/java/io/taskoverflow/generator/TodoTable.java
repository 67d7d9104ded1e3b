package io.taskoverflow.generator;

import io.taskoverflow.schema.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.UUID;

/** Puts todos into the shared test database. */
final class TodoTable {

  private TodoTable() {}

  static long insert(String title, String description, boolean completed, LocalDateTime deadline) {
    try {
      // id is a SERIAL, which JDBC reads as an Integer
      return (int)
          TestDatabase.row(
                  "INSERT INTO todos (title, description, completed, deadline_at, created_at,"
                      + " updated_at) VALUES (?, ?, ?, ?, now(), now()) RETURNING id",
                  title,
                  description,
                  completed,
                  deadline)
              .get(0);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Inserts count todos in one statement: every tenth without a deadline, every third completed,
   * descriptions of 60 characters on odd ids.
   */
  static void insertMany(int count) {
    execute(
        "INSERT INTO todos (title, description, completed, deadline_at, created_at, updated_at)"
            + " SELECT 'Todo number ' || n,"
            + " CASE WHEN n % 2 = 1 THEN repeat('desc, with; escapes ', 3) END,"
            + " n % 3 = 0,"
            + " CASE WHEN n % 10 <> 0 THEN timestamp '2026-01-01 09:00' + n * interval '1 minute' END,"
            + " now(), now()"
            + " FROM generate_series(1, "
            + count
            + ") AS n");
  }

  static UUID installationId() {
    try (Connection connection = TestDatabase.dataSource().getConnection()) {
      return Database.installationId(connection);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static void execute(String sql) {
    try (Connection connection = TestDatabase.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}

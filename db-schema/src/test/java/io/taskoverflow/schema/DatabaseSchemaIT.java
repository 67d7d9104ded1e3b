package io.taskoverflow.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DatabaseSchemaIT {

  @Test
  void migrationCreatesTheTodoAndCalendarTables() throws SQLException {
    assertThat(
            TestDatabase.column(
                String.class,
                "SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = 'public' ORDER BY table_name"))
        .contains(
            "todos",
            "calendar_results",
            "calendar_result_chunks",
            "installation",
            "todo_revision",
            "export_progress",
            "flyway_schema_history");
  }

  @Test
  void everyKindOfTodoChangeAdvancesTheRevisionAndReadsDoNot() throws SQLException {
    try (Connection connection = TestDatabase.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      long start = revision(statement);
      statement.execute(
          "INSERT INTO todos (title, created_at, updated_at) VALUES ('a', now(), now())");
      assertThat(revision(statement)).isEqualTo(start + 1);
      statement.execute("UPDATE todos SET completed = true WHERE title = 'a'");
      assertThat(revision(statement)).isEqualTo(start + 2);
      statement.execute("DELETE FROM todos WHERE title = 'a'");
      assertThat(revision(statement)).isEqualTo(start + 3);
      statement.execute("TRUNCATE todos");
      assertThat(revision(statement)).isEqualTo(start + 4);
      statement.executeQuery("SELECT count(*) FROM todos").close();
      assertThat(revision(statement)).isEqualTo(start + 4);
    }
  }

  @Test
  void aRolledBackChangeLeavesTheRevisionAndAnUncommittedOneIsNotSeen() throws SQLException {
    try (Connection writer = TestDatabase.dataSource().getConnection();
        Connection reader = TestDatabase.dataSource().getConnection();
        Statement writes = writer.createStatement();
        Statement reads = reader.createStatement()) {
      long start = revision(reads);
      writer.setAutoCommit(false);
      writes.execute(
          "INSERT INTO todos (title, created_at, updated_at) VALUES ('b', now(), now())");
      assertThat(revision(writes)).isEqualTo(start + 1);
      assertThat(revision(reads)).isEqualTo(start);
      writer.rollback();
      assertThat(revision(reads)).isEqualTo(start);
      writes.execute(
          "INSERT INTO todos (title, created_at, updated_at) VALUES ('b', now(), now())");
      writer.commit();
      assertThat(revision(reads)).isEqualTo(start + 1);
    }
  }

  @Test
  void aChangeOfTheTodosRecordsWhenItHappened() throws SQLException {
    try (Connection connection = TestDatabase.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("UPDATE todo_revision SET changed_at = now() - interval '1 hour'");
      statement.execute(
          "INSERT INTO todos (title, created_at, updated_at) VALUES ('d', now(), now())");
      try (ResultSet row =
          statement.executeQuery(
              "SELECT extract(epoch FROM now() - changed_at) FROM todo_revision")) {
        row.next();
        assertThat(row.getDouble(1)).isLessThan(60);
      }
    }
  }

  @Test
  void concurrentWritersTakeTurnsOnTheRevisionWithoutErrors() throws Exception {
    long start;
    try (Connection connection = TestDatabase.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      start = revision(statement);
    }
    int writers = 8;
    int each = 50;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        done.add(
            pool.submit(
                () -> {
                  try (Connection connection = TestDatabase.dataSource().getConnection();
                      Statement statement = connection.createStatement()) {
                    for (int i = 0; i < each; i++) {
                      statement.execute(
                          "INSERT INTO todos (title, created_at, updated_at)"
                              + " VALUES ('c', now(), now())");
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> writer : done) {
        writer.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    try (Connection connection = TestDatabase.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      assertThat(revision(statement)).isEqualTo(start + writers * each);
    }
  }

  @Test
  void migratingAgainAppliesNothing() {
    TestDatabase.postgres();
    assertThat(DatabaseSchema.migrate(TestDatabase.dataSource()).migrationsExecuted).isZero();
  }

  private static long revision(Statement statement) throws SQLException {
    try (ResultSet row = statement.executeQuery("SELECT revision FROM todo_revision")) {
      row.next();
      return row.getLong(1);
    }
  }
}

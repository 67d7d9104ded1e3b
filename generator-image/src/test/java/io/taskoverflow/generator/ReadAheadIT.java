package io.taskoverflow.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskoverflow.schema.TestDatabase;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A broken hand-over would hang rather than fail, hence the generous timeout. */
@Timeout(60)
class ReadAheadIT {

  /** More than a fetch and several read-ahead batches, with a partial last one. */
  private static final int TODOS = 12_345;

  private static final TodoQuery ALL = new TodoQuery(TodoFilter.ALL, Clock.systemUTC());

  @BeforeEach
  void todos() {
    TestDatabase.reset();
    TodoTable.insertMany(TODOS);
  }

  @Test
  void everyTodoArrivesOnceInIdOrderOnTheCallersThread() throws Exception {
    List<Long> ids = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    try (Connection connection = connection()) {
      ReadAhead.forEach(
          ALL,
          connection,
          todo -> {
            ids.add(todo.id());
            threads.add(Thread.currentThread());
          });
      connection.commit();
    }

    long first = ids.get(0);
    assertThat(ids)
        .containsExactlyElementsOf(LongStream.range(first, first + TODOS).boxed().toList());
    assertThat(threads).containsOnly(Thread.currentThread());
  }

  @Test
  void aFailingSinkStopsTheReaderAndLeavesTheConnectionToTheCaller() throws Exception {
    IOException full = new IOException("disk full");
    int[] seen = {0};
    try (Connection connection = connection()) {
      assertThatThrownBy(
              () ->
                  ReadAhead.forEach(
                      ALL,
                      connection,
                      todo -> {
                        if (++seen[0] == 1_500) {
                          throw full;
                        }
                      }))
          .isSameAs(full);

      connection.rollback();
      assertThat(count(connection)).isEqualTo(TODOS);
    }
    assertThat(seen[0]).isEqualTo(1_500);
  }

  @Test
  void aFailingQueryReachesTheCallerWithItsSqlState() throws Exception {
    try (Connection connection = connection()) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("ALTER TABLE todos RENAME TO todos_elsewhere"); // rolled back below
      }

      assertThatThrownBy(() -> ReadAhead.forEach(ALL, connection, todo -> {}))
          .isInstanceOf(SQLException.class)
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("42P01");
      connection.rollback();
    }
  }

  private static Connection connection() throws SQLException {
    Connection connection = TestDatabase.dataSource().getConnection();
    connection.setAutoCommit(false);
    return connection;
  }

  private static long count(Connection connection) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM todos");
        ResultSet result = query.executeQuery()) {
      result.next();
      return result.getLong(1);
    }
  }
}

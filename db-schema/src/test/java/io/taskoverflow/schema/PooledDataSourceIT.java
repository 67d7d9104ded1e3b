package io.taskoverflow.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The pool the operator and the api-server use bounds every call: against a PostgreSQL frozen with
 * SIGSTOP a statement on a pooled connection and a new connection both fail instead of hanging, and
 * a statement that runs too long is cancelled. Times are printed, not asserted; the 60 s bound only
 * tells a hang from an answer.
 */
class PooledDataSourceIT {

  @RegisterExtension
  static final RestartablePostgresPerClass database = new RestartablePostgresPerClass();

  @Test
  void aFrozenDatabaseFailsStatementsAndConnectionsInsteadOfHangingThem() throws Exception {
    try (HikariDataSource pool = pool(Duration.ofSeconds(1))) {
      try (Connection connection = pool.getConnection()) {
        execute(connection, "SELECT 1");
        database.get().freeze();
        try {
          long start = System.nanoTime();
          Throwable statement = failureWithin(() -> execute(connection, "SELECT 1"));
          long statementMillis = millisSince(start);
          start = System.nanoTime();
          Throwable connect =
              failureWithin(
                  () -> {
                    try (Connection another = pool.getConnection()) {
                      execute(another, "SELECT 1");
                    }
                  });
          System.out.printf(
              "PostgreSQL frozen: a statement failed after %d ms (%s), a new connection after %d"
                  + " ms (%s)%n",
              statementMillis, statement, millisSince(start), connect);
          assertThat(statement).isInstanceOf(SQLException.class);
          assertThat(((SQLException) statement).getSQLState()).startsWith("08");
          assertThat(connect).isInstanceOf(SQLException.class);
        } finally {
          database.get().thaw();
        }
      }
    }
  }

  @Test
  void aStatementThatRunsTooLongIsCancelled() throws Exception {
    try (HikariDataSource pool = pool(Duration.ofSeconds(1));
        Connection connection = pool.getConnection()) {
      Throwable slow = failureWithin(() -> execute(connection, "SELECT pg_sleep(30)"));
      assertThat(((SQLException) slow).getSQLState()).isEqualTo("57014"); // query_canceled
    }
  }

  @Test
  void withoutAStatementTimeoutLongStatementsRun() throws Exception {
    try (HikariDataSource pool = pool(Duration.ZERO);
        Connection connection = pool.getConnection()) {
      execute(connection, "SELECT pg_sleep(2.5)");
    }
  }

  private static HikariDataSource pool(Duration statementTimeout) {
    return PooledDataSource.create(
        "test",
        database.get().jdbcUrl(),
        "postgres",
        "",
        2,
        Duration.ofSeconds(1),
        statementTimeout);
  }

  private interface SqlWork {
    void run() throws SQLException;
  }

  private static Throwable failureWithin(SqlWork work) throws InterruptedException {
    CompletableFuture<Void> done =
        CompletableFuture.runAsync(
            () -> {
              try {
                work.run();
              } catch (SQLException e) {
                throw new java.util.concurrent.CompletionException(e);
              }
            });
    try {
      done.get(60, TimeUnit.SECONDS);
      throw new AssertionError("it did not fail");
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("it hung for 60 s", e);
    }
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}

package io.taskoverflow.generator;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams the todos an export takes, ascending id, through a server-side cursor: pgjdbc fetches
 * {@link #FETCH_SIZE} rows at a time when the connection is not in autocommit mode, so memory stays
 * flat however many todos there are.
 */
final class TodoQuery {

  /** Fewer round trips than 2,000 (measured); a few MB of rows at most, even of wide text. */
  static final int FETCH_SIZE = 5_000;

  /** PostgreSQL's latest timestamp; a wide window must not overflow it. */
  private static final LocalDateTime LATEST_TIMESTAMP = LocalDateTime.of(294276, 12, 31, 0, 0);

  /** Receives each todo; may write, hence the IOException. */
  @FunctionalInterface
  interface TodoSink {
    void accept(Todo todo) throws IOException;
  }

  private final TodoFilter filter;

  /** Fixed once, so that {@link #count} and {@link #forEach} agree on the window. */
  private final LocalDateTime windowEnd;

  TodoQuery(TodoFilter filter, Clock clock) {
    this.filter = filter;
    this.windowEnd = filter.windowDays() == null ? null : windowEnd(clock, filter.windowDays());
  }

  /** Hands every matching todo to the sink and returns how many there were. */
  long forEach(Connection connection, TodoSink sink) throws SQLException, IOException {
    if (connection.getAutoCommit()) {
      throw new IllegalStateException("a cursor needs a transaction: turn autocommit off");
    }
    List<Object> parameters = new ArrayList<>();
    String sql = sql(parameters);
    try (PreparedStatement statement =
        connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
      statement.setFetchSize(FETCH_SIZE);
      for (int i = 0; i < parameters.size(); i++) {
        statement.setObject(i + 1, parameters.get(i));
      }
      long rows = 0;
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          sink.accept(
              new Todo(
                  result.getLong(1),
                  result.getString(2),
                  result.getString(3),
                  result.getBoolean(4),
                  result.getObject(5, LocalDateTime.class)));
          rows++;
        }
      }
      return rows;
    }
  }

  /**
   * How many todos {@link #forEach} hands over, when run in the same REPEATABLE READ snapshot: one
   * scan of the table, a fraction of what reading and writing the rows costs.
   */
  long count(Connection connection) throws SQLException {
    List<Object> parameters = new ArrayList<>();
    String sql = where(new StringBuilder("SELECT count(*) FROM todos"), parameters).toString();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.size(); i++) {
        statement.setObject(i + 1, parameters.get(i));
      }
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        return result.getLong(1);
      }
    }
  }

  private String sql(List<Object> parameters) {
    StringBuilder sql =
        new StringBuilder("SELECT id, title, description, completed, deadline_at FROM todos");
    return where(sql, parameters).append(" ORDER BY id").toString();
  }

  private StringBuilder where(StringBuilder sql, List<Object> parameters) {
    String glue = " WHERE ";
    if (filter.completed() != null) {
      sql.append(glue).append("completed = ?");
      parameters.add(filter.completed());
      glue = " AND ";
    }
    if (filter.windowDays() != null) {
      // Overdue todos are inside the window: only the far end is bounded.
      sql.append(glue).append("deadline_at IS NOT NULL AND deadline_at <= ?");
      parameters.add(windowEnd);
    }
    return sql;
  }

  private static LocalDateTime windowEnd(Clock clock, int days) {
    LocalDateTime end = LocalDateTime.now(clock).plusDays(days);
    return end.isAfter(LATEST_TIMESTAMP) ? LATEST_TIMESTAMP : end;
  }
}

package io.taskoverflow.api.todo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The todos table, over JDBC. Timestamps are the server's local time, without a zone. */
public class TodoRepository implements TodoStore {

  private static final String COLUMNS =
      "id, title, description, completed, deadline_at, created_at, updated_at";

  // Beyond this a window covers every storable deadline (PostgreSQL stops at year 294276).
  private static final long UNBOUNDED_WINDOW_DAYS = 36_500_000L;

  private final DataSource dataSource;
  private final Clock clock;

  public TodoRepository(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  @Override
  public List<Todo> list(TodoFilter filter) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM todos WHERE TRUE");
    List<Object> parameters = new ArrayList<>();
    if (filter.completed() != null) {
      sql.append(" AND completed = ?");
      parameters.add(filter.completed());
    }
    if (filter.windowDays() != null) {
      sql.append(" AND deadline_at IS NOT NULL");
      if (filter.windowDays() < UNBOUNDED_WINDOW_DAYS) {
        sql.append(" AND deadline_at <= ?");
        parameters.add(now().plusDays(filter.windowDays()));
      }
    }
    sql.append(" ORDER BY id");
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql.toString())) {
      for (int i = 0; i < parameters.size(); i++) {
        statement.setObject(i + 1, parameters.get(i));
      }
      try (ResultSet rows = statement.executeQuery()) {
        List<Todo> todos = new ArrayList<>();
        while (rows.next()) {
          todos.add(read(rows));
        }
        return todos;
      }
    } catch (SQLException e) {
      throw new TodoStoreException("could not list todos", e);
    }
  }

  @Override
  public Optional<Todo> find(int id) {
    return queryOne("SELECT " + COLUMNS + " FROM todos WHERE id = ?", List.of(id));
  }

  @Override
  public Todo create(NewTodo todo) {
    LocalDateTime now = now();
    List<Object> parameters = new ArrayList<>();
    parameters.add(todo.title());
    parameters.add(todo.description());
    parameters.add(todo.completed());
    parameters.add(todo.deadlineAt());
    parameters.add(now);
    parameters.add(now);
    return queryOne(
            "INSERT INTO todos (title, description, completed, deadline_at, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?) RETURNING "
                + COLUMNS,
            parameters)
        .orElseThrow();
  }

  /** Applies the changes and stamps {@code updated_at}; empty when there is no such todo. */
  @Override
  public Optional<Todo> update(int id, TodoChanges changes) {
    StringBuilder sql = new StringBuilder("UPDATE todos SET updated_at = ?");
    List<Object> parameters = new ArrayList<>();
    parameters.add(now());
    if (changes.title() != null) {
      sql.append(", title = ?");
      parameters.add(changes.title());
    }
    if (changes.descriptionSet()) {
      sql.append(", description = ?");
      parameters.add(changes.description());
    }
    if (changes.completed() != null) {
      sql.append(", completed = ?");
      parameters.add(changes.completed());
    }
    if (changes.deadlineSet()) {
      sql.append(", deadline_at = ?");
      parameters.add(changes.deadlineAt());
    }
    sql.append(" WHERE id = ? RETURNING ").append(COLUMNS);
    parameters.add(id);
    return queryOne(sql.toString(), parameters);
  }

  /** Deletes and returns the todo; empty when there was none. */
  @Override
  public Optional<Todo> delete(int id) {
    return queryOne("DELETE FROM todos WHERE id = ? RETURNING " + COLUMNS, List.of(id));
  }

  private Optional<Todo> queryOne(String sql, List<Object> parameters) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.size(); i++) {
        // setObject(null) cannot tell PostgreSQL the type; the column's type resolves it.
        statement.setObject(i + 1, parameters.get(i));
      }
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? Optional.of(read(rows)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new TodoStoreException("could not run: " + sql, e);
    }
  }

  private static Todo read(ResultSet row) throws SQLException {
    return new Todo(
        row.getInt("id"),
        row.getString("title"),
        row.getString("description"),
        row.getBoolean("completed"),
        row.getObject("deadline_at", LocalDateTime.class),
        row.getObject("created_at", LocalDateTime.class),
        row.getObject("updated_at", LocalDateTime.class));
  }

  // PostgreSQL keeps microseconds; truncating here makes the answer equal what is stored.
  private LocalDateTime now() {
    return LocalDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
  }
}

package io.taskoverflow.sandbox;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * What the end-to-end tests look at or hold in the sandbox's PostgreSQL: stored calendars, and a
 * lock on the todos table that keeps a generator waiting for exactly as long as a test wants.
 */
public final class SandboxDatabase {

  private final Sandbox sandbox;

  SandboxDatabase(Sandbox sandbox) {
    this.sandbox = sandbox;
  }

  /** A connection as the chart's database user, through the Service's cluster IP. */
  public static Connection connect(Sandbox sandbox) throws SQLException {
    return DriverManager.getConnection(
        sandbox.jdbcUrl(), sandbox.databaseUser(), sandbox.databasePassword());
  }

  /** An ACCESS EXCLUSIVE lock on todos: a generator's query waits on it until it is released. */
  TodoTableLock lockTodos() throws SQLException {
    Connection connection = connect();
    connection.setAutoCommit(false);
    connection.createStatement().execute("LOCK TABLE todos IN ACCESS EXCLUSIVE MODE");
    return new TodoTableLock(connection);
  }

  /** Takes the todos table out of the generator's sight until closed. */
  RenamedTable renameTodosTable() throws SQLException {
    execute("ALTER TABLE todos RENAME TO todos_hidden");
    return () -> execute("ALTER TABLE todos_hidden RENAME TO todos");
  }

  interface RenamedTable extends AutoCloseable {
    @Override
    void close() throws SQLException;
  }

  /** Many small todos at once, each with a deadline (so each becomes a VEVENT). */
  void insertTodos(int count) throws SQLException {
    execute(
        "INSERT INTO todos (title, deadline_at, created_at, updated_at)"
            + " SELECT 'Todo ' || n, timestamp '2026-06-01 09:00' + n * interval '1 minute',"
            + " now(), now() FROM generate_series(1, "
            + count
            + ") AS n");
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = connect()) {
      connection.createStatement().execute(sql);
    }
  }

  /** Sessions waiting for a lock on the todos table right now (a held lock keeps them there). */
  int waitingForTheTodosTable() throws SQLException {
    return count(
        "SELECT count(*) FROM pg_locks WHERE relation = 'todos'::regclass AND NOT granted", null);
  }

  int todos() throws SQLException {
    return count("SELECT count(*) FROM todos", null);
  }

  int storedCalendars(UUID exportUid) throws SQLException {
    return count("SELECT count(*) FROM calendar_results WHERE export_uid = ?", exportUid);
  }

  int storedChunks(UUID exportUid) throws SQLException {
    return count("SELECT count(*) FROM calendar_result_chunks WHERE export_uid = ?", exportUid);
  }

  private int count(String sql, UUID parameter) throws SQLException {
    try (Connection connection = connect();
        PreparedStatement query = connection.prepareStatement(sql)) {
      if (parameter != null) {
        query.setObject(1, parameter);
      }
      try (ResultSet row = query.executeQuery()) {
        row.next();
        return row.getInt(1);
      }
    }
  }

  private Connection connect() throws SQLException {
    return connect(sandbox);
  }

  /** Held until {@link #release()} or close; a database that went away released it already. */
  static final class TodoTableLock implements AutoCloseable {

    private final Connection connection;

    private TodoTableLock(Connection connection) {
      this.connection = connection;
    }

    void release() {
      try (connection) {
        connection.rollback();
      } catch (SQLException e) {
        // The database was stopped under it: the lock went with the session.
      }
    }

    @Override
    public void close() {
      release();
    }
  }
}

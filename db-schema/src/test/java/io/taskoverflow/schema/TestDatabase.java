package io.taskoverflow.schema;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * One real, migrated PostgreSQL per test JVM, shared by the integration tests of every module
 * (through this module's test-jar).
 */
public final class TestDatabase {

  private static EmbeddedPostgres postgres;

  private TestDatabase() {}

  public static synchronized EmbeddedPostgres postgres() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("embedded PostgreSQL did not start", e);
      }
      DatabaseSchema.migrate(postgres.getPostgresDatabase());
      Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::close));
    }
    return postgres;
  }

  public static DataSource dataSource() {
    return postgres().getPostgresDatabase();
  }

  public static String jdbcUrl() {
    return postgres().getJdbcUrl("postgres", "postgres");
  }

  public static String user() {
    return "postgres";
  }

  public static String password() {
    return "";
  }

  /** Empties every application table and restarts the todo ids at 1. */
  public static void reset() {
    try (Connection connection = dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "TRUNCATE todos, calendar_result_chunks, calendar_results, export_progress"
              + " RESTART IDENTITY CASCADE");
    } catch (SQLException e) {
      throw new IllegalStateException("could not reset the test database", e);
    }
  }

  /** How many rows of {@code table} belong to the export. */
  public static int rowsOfExport(String table, UUID exportUid) throws SQLException {
    return column(Long.class, "SELECT count(*) FROM " + table + " WHERE export_uid = ?", exportUid)
        .get(0)
        .intValue();
  }

  /** How many rows an export has in each table that keeps its calendar or its progress. */
  public record ExportRows(int results, int chunks, int progress) {
    public static final ExportRows NONE = new ExportRows(0, 0, 0);
  }

  /** The export's rows in calendar_results, calendar_result_chunks and export_progress. */
  public static ExportRows rowsOfExport(UUID exportUid) throws SQLException {
    return new ExportRows(
        rowsOfExport("calendar_results", exportUid),
        rowsOfExport("calendar_result_chunks", exportUid),
        rowsOfExport("export_progress", exportUid));
  }

  /** The todos' revision, as the schema's triggers count it. */
  public static long todoRevision() throws SQLException {
    return column(Long.class, "SELECT revision FROM todo_revision").get(0);
  }

  /**
   * Inserts the calendar's chunks (UTF-8) on the caller's connection, last first: only seq may
   * decide the order a reader returns them in.
   */
  public static void insertChunksOutOfOrder(Connection connection, UUID exportUid, String... chunks)
      throws SQLException {
    try (PreparedStatement chunk =
        connection.prepareStatement(
            "INSERT INTO calendar_result_chunks (export_uid, seq, data) VALUES (?, ?, ?)")) {
      for (int seq = chunks.length - 1; seq >= 0; seq--) {
        chunk.setObject(1, exportUid);
        chunk.setInt(2, seq);
        chunk.setBytes(3, chunks[seq].getBytes(StandardCharsets.UTF_8));
        chunk.executeUpdate();
      }
    }
  }

  /** Runs one statement on a connection of its own. */
  public static void execute(String sql) throws SQLException {
    try (Connection connection = dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** Runs one statement with its parameters, in order, on a connection of its own. */
  public static void execute(String sql, Object... parameters) throws SQLException {
    try (Connection connection = dataSource().getConnection();
        PreparedStatement statement = prepare(connection, sql, parameters)) {
      statement.executeUpdate();
    }
  }

  /**
   * The first row a query (or an INSERT ... RETURNING) with these parameters gives, on a connection
   * of its own: its columns in order, as {@link ResultSet#getObject(int)} reads them.
   */
  public static List<Object> row(String sql, Object... parameters) throws SQLException {
    try (Connection connection = dataSource().getConnection();
        PreparedStatement query = prepare(connection, sql, parameters);
        ResultSet row = query.executeQuery()) {
      if (!row.next()) {
        throw new IllegalStateException("no row: " + sql);
      }
      List<Object> columns = new ArrayList<>();
      for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
        columns.add(row.getObject(column));
      }
      return columns;
    }
  }

  /** The first column of every row a query with these parameters gives, read as {@code type}. */
  public static <T> List<T> column(Class<T> type, String sql, Object... parameters)
      throws SQLException {
    try (Connection connection = dataSource().getConnection();
        PreparedStatement query = prepare(connection, sql, parameters);
        ResultSet rows = query.executeQuery()) {
      List<T> values = new ArrayList<>();
      while (rows.next()) {
        values.add(rows.getObject(1, type));
      }
      return values;
    }
  }

  private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    for (int i = 0; i < parameters.length; i++) {
      statement.setObject(i + 1, parameters[i]);
    }
    return statement;
  }

  /** The export's calendar as stored: its chunks in order, joined; empty when there is none. */
  public static byte[] storedCalendar(UUID exportUid) throws SQLException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    column(
            byte[].class,
            "SELECT data FROM calendar_result_chunks WHERE export_uid = ? ORDER BY seq",
            exportUid)
        .forEach(out::writeBytes);
    return out.toByteArray();
  }

  private static synchronized void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

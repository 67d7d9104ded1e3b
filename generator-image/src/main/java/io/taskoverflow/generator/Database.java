package io.taskoverflow.generator;

import io.taskoverflow.config.InvalidConfigurationException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import java.util.UUID;

/** The generator's database connections, and the installation id calendar UIDs embed. */
final class Database {

  private static final int CONNECT_TIMEOUT_SECONDS = 10;

  private Database() {}

  static Connection connect(GeneratorConfig config) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", config.dbUser());
    properties.setProperty("password", config.dbPassword());
    properties.setProperty("ApplicationName", "taskoverflow-generator");
    // An unreachable database should fail the pod soon, so the Job's retry gets its chance.
    properties.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
    properties.setProperty("loginTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
    // A database that answers nothing (frozen, or cut off by a partition) fails the read, the
    // pod exits 1 and the Job retries, instead of waiting for ever; PostgreSQL's own statement
    // timeout, a second earlier, cancels a statement that merely runs too long.
    long statementMillis = config.dbStatementTimeout().toMillis();
    properties.setProperty("socketTimeout", String.valueOf((statementMillis + 999) / 1000 + 1));
    properties.setProperty("options", "-c statement_timeout=" + statementMillis);
    properties.setProperty("tcpKeepAlive", "true");
    // Binary results from the first execution (pgjdbc waits for the fifth by default, and the
    // cursor query runs once): ids and timestamps arrive without text to parse.
    properties.setProperty("prepareThreshold", "-1");
    // The driver directly, not DriverManager: no service-loader scan at start-up.
    Connection connection = new org.postgresql.Driver().connect(config.dbUrl(), properties);
    if (connection == null) {
      throw new InvalidConfigurationException("DB_URL is not a PostgreSQL JDBC URL");
    }
    return connection;
  }

  /**
   * The todos' revision (db-schema V5) as the caller's snapshot sees it: read in the same
   * REPEATABLE READ transaction as the todos, it names exactly the rows that transaction reads.
   */
  static long todoRevision(Connection connection) throws SQLException {
    try (PreparedStatement query =
            connection.prepareStatement("SELECT revision FROM todo_revision");
        ResultSet result = query.executeQuery()) {
      if (!result.next()) {
        throw new IllegalStateException(
            "the todo_revision table is empty; the schema migrations create its one row");
      }
      return result.getLong(1);
    }
  }

  static UUID installationId(Connection connection) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("SELECT id FROM installation");
        ResultSet result = query.executeQuery()) {
      if (!result.next()) {
        throw new IllegalStateException(
            "the installation table is empty; the schema migrations create its one row");
      }
      return result.getObject(1, UUID.class);
    }
  }
}

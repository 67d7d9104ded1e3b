package io.taskoverflow.schema;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;

/**
 * The one way the long-running services open a connection pool, with every database call bounded in
 * time: waiting for a connection, opening one, each statement (PostgreSQL cancels it), and each
 * read from the socket (for a database that answers nothing at all: frozen, or cut off by a
 * partition).
 */
public final class PooledDataSource {

  private PooledDataSource() {}

  /**
   * @param connectionTimeout how long a caller waits for a connection (Hikari's minimum: 250 ms)
   * @param statementTimeout the longest a statement may run; {@link Duration#ZERO} for none (schema
   *     migrations)
   */
  public static HikariDataSource create(
      String poolName,
      String jdbcUrl,
      String user,
      String password,
      int maximumPoolSize,
      Duration connectionTimeout,
      Duration statementTimeout) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(poolName);
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(maximumPoolSize);
    config.setConnectionTimeout(connectionTimeout.toMillis());
    // Checking a pooled connection must fit in the same budget (Hikari's minimum is 250 ms).
    config.setValidationTimeout(Math.max(250, connectionTimeout.toMillis() / 2));
    // pgjdbc counts whole seconds. Opening a connection may take longer than a caller waits (Hikari
    // opens them in the background), but not for ever.
    long connectSeconds = Math.max(1, divideRoundingUp(connectionTimeout.toMillis(), 1000));
    config.addDataSourceProperty("connectTimeout", String.valueOf(connectSeconds));
    config.addDataSourceProperty("loginTimeout", String.valueOf(connectSeconds));
    if (!statementTimeout.isZero()) {
      config.setConnectionInitSql("SET statement_timeout = " + statementTimeout.toMillis());
      // A second beyond the statement timeout: PostgreSQL's cancel arrives first when it can.
      config.addDataSourceProperty(
          "socketTimeout", String.valueOf(divideRoundingUp(statementTimeout.toMillis(), 1000) + 1));
    }
    // Start even when the database is not up yet; requests fail until it is.
    config.setInitializationFailTimeout(-1);
    return new HikariDataSource(config);
  }

  private static long divideRoundingUp(long dividend, long divisor) {
    return (dividend + divisor - 1) / divisor;
  }
}

package io.taskoverflow.api.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;

/**
 * The api-server's connection pool. Unlike the shared {@code PooledDataSource} it waits only
 * briefly for a connection: Hikari's default of 30 s would hold every request that long while
 * PostgreSQL is down, where the client should hear "503, try again" at once.
 */
public final class ConnectionPool {

  private ConnectionPool() {}

  public static HikariDataSource open(
      String poolName,
      String jdbcUrl,
      String user,
      String password,
      int maximumPoolSize,
      Duration connectionTimeout) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(poolName);
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(maximumPoolSize);
    config.setConnectionTimeout(connectionTimeout.toMillis());
    // Checking a pooled connection must fit in the same budget (Hikari's minimum is 250 ms).
    config.setValidationTimeout(Math.max(250, connectionTimeout.toMillis() / 2));
    // Start even when the database is not up yet; requests fail until it is.
    config.setInitializationFailTimeout(-1);
    return new HikariDataSource(config);
  }
}

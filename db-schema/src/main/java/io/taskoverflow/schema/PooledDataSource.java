package io.taskoverflow.schema;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** The one way the long-running services open a connection pool. */
public final class PooledDataSource {

  private PooledDataSource() {}

  public static HikariDataSource create(
      String poolName, String jdbcUrl, String user, String password, int maximumPoolSize) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(poolName);
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(maximumPoolSize);
    // Start even when the database is not up yet; requests fail until it is.
    config.setInitializationFailTimeout(-1);
    return new HikariDataSource(config);
  }
}

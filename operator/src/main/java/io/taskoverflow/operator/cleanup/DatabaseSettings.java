package io.taskoverflow.operator.cleanup;

import java.time.Duration;

/**
 * Where the stored calendars live, and how long the operator waits on the database: for a
 * connection, and for one statement (also how long it waits on a database that answers nothing at
 * all, plus a second), so a hung database fails a reconciliation, which is retried, instead of
 * holding its thread for ever.
 */
public record DatabaseSettings(
    String url,
    String user,
    String password,
    Duration connectionTimeout,
    Duration statementTimeout) {

  public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(30);

  @Override
  public String toString() {
    return "DatabaseSettings[url="
        + url
        + ", user="
        + user
        + ", password=***, connectionTimeout="
        + connectionTimeout
        + ", statementTimeout="
        + statementTimeout
        + "]";
  }
}

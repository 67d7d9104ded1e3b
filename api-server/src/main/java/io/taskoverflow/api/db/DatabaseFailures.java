package io.taskoverflow.api.db;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/** Tells a database that is unreachable from a statement that merely failed. */
final class DatabaseFailures {

  private DatabaseFailures() {}

  /**
   * Whether the failure means no connection could be had or kept: Hikari's timeout, SQLState class
   * 08 (connection exception), or the server shutting down or refusing (57P01-03, 53300).
   */
  static boolean isUnavailable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08") || state.startsWith("57P0") || state.equals("53300")) {
          return true;
        }
      }
    }
    return false;
  }
}

package io.taskoverflow.generator;

import io.taskoverflow.config.InvalidConfigurationException;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Decides whether a failure may pass (exit 1: the Job retries) or cannot (exit 2: the Job fails at
 * once). Transient: lost or refused connections, a database shutting down or short of resources,
 * serialization failures and deadlocks, I/O errors. Permanent: bad configuration, authentication,
 * missing tables, a calendar over its size limit, and anything unrecognised, which a retry would
 * only repeat.
 */
final class FailureClassifier {

  /** SQLStates (RFC: PostgreSQL Appendix A) that say "try again later". */
  private static final Set<String> TRANSIENT_STATES =
      Set.of(
          "57P01", // admin_shutdown
          "57P02", // crash_shutdown
          "57P03", // cannot_connect_now (starting up)
          "57P05", // idle_session_timeout
          "40001", // serialization_failure
          "40P01", // deadlock_detected
          "55P03", // lock_not_available
          "57014"); // query_canceled (statement timeout)

  private FailureClassifier() {}

  static Failure classify(Throwable failure) {
    String reason = describe(failure);
    if (failure instanceof InvalidConfigurationException) {
      return new Failure(false, failure.getMessage());
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ResultSizeLimit.TooLargeException) {
        return new Failure(false, t.getMessage());
      }
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return new Failure(
            isTransient(sql.getSQLState()), reason + " [SQLState " + sql.getSQLState() + "]");
      }
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof IOException
          || t instanceof SQLTransientException
          || t instanceof SQLRecoverableException) {
        return new Failure(true, reason);
      }
    }
    return new Failure(false, reason);
  }

  static boolean isTransient(String sqlState) {
    return sqlState.startsWith("08") // connection exception
        || sqlState.startsWith("53") // insufficient resources
        || TRANSIENT_STATES.contains(sqlState);
  }

  /** The failure's message and its root cause's, on one line. */
  private static String describe(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = message(failure);
    if (root != failure && !message.contains(String.valueOf(root.getMessage()))) {
      message += " (caused by " + message(root) + ")";
    }
    return message.replaceAll("\\s+", " ").strip();
  }

  private static String message(Throwable t) {
    return t.getMessage() == null || t.getMessage().isBlank()
        ? t.getClass().getName()
        : t.getClass().getSimpleName() + ": " + t.getMessage();
  }
}

package io.taskoverflow.model.job;

/**
 * Environment variables the operator sets on the generator container and the generator reads. One
 * list keeps both sides honest.
 */
public final class GeneratorEnv {

  /** JDBC URL of the todo database, from the database Secret. */
  public static final String DB_URL = "DB_URL";

  /** Database user, from the database Secret. */
  public static final String DB_USER = "DB_USER";

  /** Database password, from the database Secret. */
  public static final String DB_PASSWORD = "DB_PASSWORD";

  public static final String EXPORT_NAME = "EXPORT_NAME";
  public static final String EXPORT_NAMESPACE = "EXPORT_NAMESPACE";

  /** The CalendarExport's metadata.uid: the key the calendar is stored under. */
  public static final String EXPORT_UID = "EXPORT_UID";

  public static final String CALENDAR_NAME = "CALENDAR_NAME";

  /** VEVENT or VTODO. */
  public static final String CALENDAR_COMPONENT = "CALENDAR_COMPONENT";

  /** "true" or "false"; unset exports all todos. */
  public static final String FILTER_COMPLETED = "FILTER_COMPLETED";

  /** Non-negative number of days; unset means no window. */
  public static final String FILTER_WINDOW_DAYS = "FILTER_WINDOW_DAYS";

  /**
   * The most bytes one stored calendar may have, a plain integer (the operator's {@code
   * GENERATOR_MAX_RESULT_BYTES}). A larger calendar fails the run permanently and stores nothing.
   * Unset (a generator started by hand) means no limit.
   */
  public static final String MAX_RESULT_BYTES = "MAX_RESULT_BYTES";

  /**
   * The image the operator runs the generator from. Stored with the calendar: only a calendar made
   * by the image that would run now is reused. Unset (a generator started by hand) is never reused.
   */
  public static final String GENERATOR_IMAGE = "GENERATOR_IMAGE";

  /**
   * Optional: the longest one database statement may take, in milliseconds, and (plus a second) how
   * long the generator waits on a database that answers nothing; then it exits 1 and the Job
   * retries. Default one minute.
   */
  public static final String DB_STATEMENT_TIMEOUT_MS = "DB_STATEMENT_TIMEOUT_MS";

  /**
   * Where to write the termination message; Kubernetes' default when unset. The sandbox's Job
   * runner points it at a file of its own.
   */
  public static final String TERMINATION_MESSAGE_PATH = "TERMINATION_MESSAGE_PATH";

  public static final String DEFAULT_TERMINATION_MESSAGE_PATH = "/dev/termination-log";

  private GeneratorEnv() {}
}

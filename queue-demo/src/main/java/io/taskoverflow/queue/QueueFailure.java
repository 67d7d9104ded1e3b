package io.taskoverflow.queue;

/**
 * A failure the user can act on: one line for stderr and the exit code (from sysexits.h, so that
 * scripts can tell the cases apart).
 */
public final class QueueFailure extends RuntimeException {

  /** Something else went wrong; the line says what SQS or the SDK reported. */
  public static final int OTHER = 1;

  /** The command line is wrong (EX_USAGE). */
  public static final int USAGE = 64;

  /** The queue does not exist (EX_NOINPUT). */
  public static final int NO_QUEUE = 66;

  /** The endpoint cannot be reached, or the local server cannot listen (EX_UNAVAILABLE). */
  public static final int UNAVAILABLE = 69;

  /** No credentials, or AWS rejected them (EX_NOPERM). */
  public static final int CREDENTIALS = 77;

  /** The environment lacks a setting, such as the region (EX_CONFIG). */
  public static final int CONFIG = 78;

  private final int exitCode;

  public QueueFailure(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}

package io.taskoverflow.operator.feed;

/** The database could not say what a feed needs; the reconciliation is retried. */
public class FeedException extends RuntimeException {

  public FeedException(String message, Throwable cause) {
    super(message, cause);
  }
}

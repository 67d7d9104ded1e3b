package io.taskoverflow.operator.reuse;

/** The database could not say whether a calendar can be reused; the export then runs a Job. */
public class ReuseException extends RuntimeException {

  public ReuseException(String message, Throwable cause) {
    super(message, cause);
  }
}

package io.taskoverflow.operator.cleanup;

/** The calendar database could not be reached or refused a statement. */
public class CalendarStoreException extends RuntimeException {

  public CalendarStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}

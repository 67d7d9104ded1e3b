package io.taskoverflow.api.todo;

/** The database failed; the client sees a 500 and the log has the cause. */
public class TodoStoreException extends RuntimeException {

  public TodoStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}

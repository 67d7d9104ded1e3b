package io.taskoverflow.operator.export;

/**
 * A known way for an export to go wrong. The reconciler turns it into a status message and a
 * Warning Event with {@link #reason()}; JOSDK retries unless {@link #retryable()} says it is
 * futile.
 */
public abstract class ExportException extends RuntimeException {

  protected ExportException(String message) {
    super(message);
  }

  /** The Event reason and condition reason, CamelCase. */
  public abstract String reason();

  public abstract boolean retryable();
}

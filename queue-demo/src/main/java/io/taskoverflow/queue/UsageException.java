package io.taskoverflow.queue;

/** The command line cannot be run as given; the message says why, in one line. */
public final class UsageException extends RuntimeException {

  public UsageException(String message) {
    super(message);
  }
}

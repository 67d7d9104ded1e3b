package io.taskoverflow.generator;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Refuses the write that would take the calendar past its limit, before any of it reaches the
 * target: the run then fails, and the store's transaction keeps whatever was already uploaded from
 * ever being committed.
 */
final class ResultSizeLimit extends OutputStream {

  /** The operator's variable, named in the failure: that is where the limit is raised. */
  static final String SETTING = "GENERATOR_MAX_RESULT_BYTES";

  private final OutputStream target;
  private final long maxBytes;
  private long written;

  ResultSizeLimit(OutputStream target, long maxBytes) {
    this.target = target;
    this.maxBytes = maxBytes;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    if (length > maxBytes - written) {
      throw new TooLargeException(maxBytes);
    }
    target.write(bytes, offset, length);
    written += length;
  }

  @Override
  public void flush() throws IOException {
    target.flush();
  }

  /** Permanent: the same todos make the same calendar, so a retry would only fail again. */
  static final class TooLargeException extends IOException {
    TooLargeException(long maxBytes) {
      super("calendar exceeds the limit of " + maxBytes + " bytes (" + SETTING + ")");
    }
  }
}

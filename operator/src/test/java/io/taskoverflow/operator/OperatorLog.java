package io.taskoverflow.operator;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * What the operator logs while a test runs: slf4j-simple writes to whatever {@code System.err} is
 * at the moment, so a tee catches it while the console still shows it.
 */
final class OperatorLog implements AutoCloseable {

  private final PrintStream original = System.err;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

  private OperatorLog() {}

  static OperatorLog capture() {
    OperatorLog log = new OperatorLog();
    System.setErr(new PrintStream(log.tee(), true, StandardCharsets.UTF_8));
    return log;
  }

  /** The lines logged so far that contain {@code text}. */
  List<String> linesContaining(String text) {
    String all;
    synchronized (captured) {
      all = captured.toString(StandardCharsets.UTF_8);
    }
    return Arrays.stream(all.split("\n")).filter(line -> line.contains(text)).toList();
  }

  private OutputStream tee() {
    return new OutputStream() {
      @Override
      public void write(int b) {
        original.write(b);
        synchronized (captured) {
          captured.write(b);
        }
      }

      @Override
      public void write(byte[] bytes, int offset, int length) {
        original.write(bytes, offset, length);
        synchronized (captured) {
          captured.write(bytes, offset, length);
        }
      }
    };
  }

  @Override
  public void close() {
    System.setErr(original);
  }
}

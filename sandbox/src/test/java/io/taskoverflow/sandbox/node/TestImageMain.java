package io.taskoverflow.sandbox.node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A tiny "container image" for runner tests: exits with {@code EXIT_CODE} after {@code RUN_MILLIS}
 * (or once the file {@code WAIT_FOR_FILE} exists), leaving a termination message that echoes the
 * variables named in {@code ECHO_ENV}.
 */
public final class TestImageMain {

  private TestImageMain() {}

  public static void main(String[] args) throws Exception {
    String echo = System.getenv().getOrDefault("ECHO_ENV", "");
    String message =
        Arrays.stream(echo.split(","))
            .filter(name -> !name.isBlank())
            .map(name -> name + "=" + System.getenv(name))
            .collect(Collectors.joining(" "));
    Files.writeString(
        Path.of(System.getenv("TERMINATION_MESSAGE_PATH")),
        message.isEmpty() ? "exit " + System.getenv("EXIT_CODE") : message);
    System.out.println("test image running as " + System.getenv("HOSTNAME"));
    long runMillis = Long.parseLong(System.getenv().getOrDefault("RUN_MILLIS", "0"));
    if (runMillis > 0) {
      Thread.sleep(runMillis); // the workload, not a test waiting
    }
    String waitFor = System.getenv("WAIT_FOR_FILE");
    while (waitFor != null && !Files.exists(Path.of(waitFor))) {
      Thread.sleep(20); // the workload: runs until the test lets it finish
    }
    System.exit(Integer.parseInt(System.getenv().getOrDefault("EXIT_CODE", "0")));
  }
}

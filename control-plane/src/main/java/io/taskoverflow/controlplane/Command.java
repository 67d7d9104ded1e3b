package io.taskoverflow.controlplane;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A short-lived child process (openssl, iptables, helm, ...), its output and error merged, bounded
 * in time: one that has not ended within its timeout is killed and the call fails.
 *
 * @param exitCode its exit code
 * @param output what it wrote, standard output and error interleaved
 */
public record Command(int exitCode, String output) {

  /** Runs the command to its end, or kills it after {@code timeout}. */
  public static Command run(List<String> command, Duration timeout) {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not run " + command.get(0), e);
    }
    CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process));
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            String.join(" ", command) + " did not end within " + timeout.toSeconds() + " s");
      }
      return new Command(process.exitValue(), output.join());
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command.get(0), e);
    }
  }

  /** Runs the command; its output when it exits 0, else fails with {@code what} and the output. */
  public static String succeed(List<String> command, Duration timeout, String what) {
    Command result = run(command, timeout);
    if (!result.succeeded()) {
      throw new IllegalStateException(what + " failed:\n" + result.output().strip());
    }
    return result.output();
  }

  public boolean succeeded() {
    return exitCode == 0;
  }

  private static String read(Process process) {
    try (InputStream in = process.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(output unreadable: " + e.getMessage() + ")";
    }
  }
}

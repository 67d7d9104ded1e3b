package io.taskoverflow.queue;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** The packaged {@code queue} command in a JVM of its own, as the README runs it. */
final class JavaProcess {

  static final Path JAR = Path.of("target", "queue-demo.jar");
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final List<String> out = new CopyOnWriteArrayList<>();
  private final List<String> err = new CopyOnWriteArrayList<>();
  private final List<Thread> readers = new ArrayList<>();

  private JavaProcess(Process process) {
    this.process = process;
    readers.add(collect(process.getInputStream(), out));
    readers.add(collect(process.getErrorStream(), err));
  }

  /** Starts {@code java -jar target/queue-demo.jar args}, without the AWS settings of this JVM. */
  static JavaProcess start(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:+UseSerialGC");
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
    try {
      return new JavaProcess(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for a line on stdout matching {@code line} and answers it. */
  String awaitLine(Predicate<String> line) {
    await().atMost(TIMEOUT).until(() -> out.stream().anyMatch(line) || !process.isAlive());
    return out.stream()
        .filter(line)
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError("exited without that line; stdout " + out + ", stderr " + err));
  }

  /** Waits for it to exit and for its output to be read, and answers the exit code. */
  int exitCode() throws InterruptedException {
    if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("still running; stdout " + out + ", stderr " + err);
    }
    for (Thread reader : readers) {
      reader.join(TIMEOUT.toMillis());
    }
    return process.exitValue();
  }

  /**
   * Sends SIGTERM, which runs the shutdown hooks as Ctrl-C's SIGINT does, and answers the exit
   * code. Not {@link Process#destroy()}: that also closes the pipes, losing what the hooks print.
   */
  int stop() throws InterruptedException {
    try {
      Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start();
      if (!kill.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new AssertionError("kill -TERM " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return exitCode();
  }

  List<String> out() {
    return List.copyOf(out);
  }

  List<String> err() {
    return List.copyOf(err);
  }

  private static Thread collect(InputStream stream, List<String> lines) {
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                in.lines().forEach(lines::add);
              } catch (IOException | UncheckedIOException e) {
                lines.add("(unreadable: " + e + ")");
              }
            });
    reader.setDaemon(true);
    reader.start();
    return reader;
  }
}

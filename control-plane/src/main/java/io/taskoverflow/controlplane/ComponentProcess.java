package io.taskoverflow.controlplane;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One cluster binary running as a supervised child process, its output appended to {@code
 * <name>.log}. When it exits on its own (a crash, a {@code kill -9}) it is started again with the
 * same command after a short pause, as the kubelet restarts kubeadm's static pods.
 */
final class ComponentProcess implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ComponentProcess.class);
  private static final int LOG_TAIL_BYTES = 3000;
  private static final long RESTART_DELAY_MILLIS = 1000;

  /**
   * Exits during start-up that {@link #checkAlive()} forgives: a component may lose a race once (a
   * port its predecessor still holds, an API server not yet listening) and come up on its restart.
   */
  private static final int START_UP_EXITS_FORGIVEN = 2;

  private final String name;
  private final List<String> command;
  private final Path log;
  private final long logStart; // the log is appended to across runs: where this one's begins
  private volatile Process process;
  private volatile boolean closing;
  private volatile int restarts;

  private ComponentProcess(String name, List<String> command, Path log) {
    this.name = name;
    this.command = command;
    this.log = log;
    this.logStart = log.toFile().length();
  }

  static ComponentProcess start(Path binary, List<String> flags, Path logDirectory) {
    String name = binary.getFileName().toString();
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(flags);
    try {
      Files.createDirectories(logDirectory);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create " + logDirectory, e);
    }
    ComponentProcess component =
        new ComponentProcess(name, List.copyOf(command), logDirectory.resolve(name + ".log"));
    component.launch();
    return component;
  }

  private synchronized void launch() {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    // The components talk only to each other over loopback: no proxy may come between them.
    builder.environment().keySet().removeIf(key -> key.toLowerCase().endsWith("_proxy"));
    try {
      Process started = builder.start();
      process = started;
      started.onExit().thenRun(() -> exited(started));
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + command.get(0), e);
    }
  }

  private void exited(Process gone) {
    if (closing || gone != process) {
      return;
    }
    restarts++;
    LOG.warn(
        "{} exited with code {}; starting it again (restart {}, log {})",
        name,
        gone.exitValue(),
        restarts,
        log);
    try {
      Thread.sleep(RESTART_DELAY_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (!closing) {
      try {
        launch();
      } catch (UncheckedIOException e) {
        LOG.error("{} could not be started again: {}", name, e.getMessage());
      }
    }
  }

  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** How often the process was started again after exiting on its own. */
  int restarts() {
    return restarts;
  }

  /**
   * Fails, with the end of the log, when the process keeps exiting during start-up (a crash loop);
   * a first exit or two is left to supervision.
   */
  void checkAlive() {
    Process current = process;
    if (!current.isAlive() && restarts > START_UP_EXITS_FORGIVEN) {
      throw new IllegalStateException(
          name
              + " exited with code "
              + current.exitValue()
              + "; the end of "
              + log
              + ":\n"
              + tail());
    }
  }

  String tail() {
    return logFrom(Math.max(0, log.toFile().length() - LOG_TAIL_BYTES));
  }

  /** What it logged since it was first started, restarts included. */
  String loggedSinceStart() {
    return logFrom(logStart);
  }

  private String logFrom(long offset) {
    try (RandomAccessFile in = new RandomAccessFile(log.toFile(), "r")) {
      long start = offset > in.length() ? 0 : offset; // a log cleared meanwhile: all of it
      byte[] bytes = new byte[(int) (in.length() - start)];
      in.seek(start);
      in.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  /** Stops supervising; SIGTERM, and SIGKILL when it has not stopped within ten seconds. */
  @Override
  public void close() {
    closing = true;
    Process current = process;
    current.destroy();
    try {
      if (!current.waitFor(10, TimeUnit.SECONDS)) {
        current.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      current.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}

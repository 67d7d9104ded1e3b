package io.taskoverflow.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes an earlier sandbox left running in the same work directory when it was killed without a
 * chance to stop them (SIGKILL, a crash): etcd, the Kubernetes components and containerd name the
 * directory on their command lines. They are stopped before anything there is wiped or reused; the
 * node's pods go with {@code Node.cleanUp}.
 */
final class Leftovers {

  private static final Logger LOG = LoggerFactory.getLogger(Leftovers.class);

  private Leftovers() {}

  /** Stops every other process that runs in or names {@code workDirectory}; returns how many. */
  static int stop(Path workDirectory) {
    String directory = workDirectory.toAbsolutePath().normalize().toString();
    List<ProcessHandle> leftovers =
        ProcessHandle.allProcesses()
            .filter(process -> process.pid() != ProcessHandle.current().pid())
            .filter(process -> belongsTo(process.pid(), directory))
            .toList();
    for (ProcessHandle process : leftovers) {
      LOG.warn(
          "Stopping process {} left by an earlier sandbox in {}: {}",
          process.pid(),
          directory,
          process.info().command().orElse("?"));
      process.destroy();
    }
    for (ProcessHandle process : leftovers) {
      try {
        process.onExit().get(10, TimeUnit.SECONDS);
      } catch (Exception stillRunning) {
        process.destroyForcibly();
        process.onExit().completeOnTimeout(process, 5, TimeUnit.SECONDS).join();
      }
    }
    return leftovers.size();
  }

  private static boolean belongsTo(long pid, String directory) {
    Path proc = Path.of("/proc", String.valueOf(pid));
    try {
      String commandLine =
          new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8)
              .replace('\0', ' ');
      return mentions(commandLine, directory);
    } catch (IOException | SecurityException goneOrNotOurs) {
      return false;
    }
  }

  /** The directory itself or a path below it, not merely a path that starts with the same name. */
  private static boolean mentions(String commandLine, String directory) {
    return Stream.of(commandLine.split("[ =]"))
        .anyMatch(word -> word.equals(directory) || word.startsWith(directory + "/"));
  }
}

package io.taskoverflow.controlplane;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a node leaves on the machine when it stops: the pods' processes (which outlive the kubelet
 * and containerd by design), containerd's shims, and the mounts of volumes, root filesystems and
 * network namespaces. A stopped sandbox takes them away; a killed one leaves them for the next
 * start, which takes them away first.
 */
final class NodeCleanup {

  private static final Logger LOG = LoggerFactory.getLogger(NodeCleanup.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Path KUBEPODS_CGROUP = Path.of("/sys/fs/cgroup/pids/kubepods");

  private NodeCleanup() {}

  /** A leftover containerd, its shims and every pod's processes, then the mounts they left. */
  static void stopLeftovers(Path work, Path run) {
    List<ProcessHandle> leftovers =
        ProcessHandle.allProcesses()
            .filter(p -> commandLine(p).contains(run.toString()) || mentions(p, work))
            .filter(p -> p.pid() != ProcessHandle.current().pid())
            .toList();
    if (!leftovers.isEmpty()) {
      LOG.warn("Stopping {} node processes an earlier sandbox left running", leftovers.size());
    }
    stopPods(run);
    terminate(leftovers);
    unmountBelow(work, run);
  }

  /** SIGTERM to every process in a pod's cgroup and to containerd's shims; SIGKILL after 10 s. */
  static void stopPods(Path run) {
    List<ProcessHandle> processes = new ArrayList<>(podProcesses());
    ProcessHandle.allProcesses()
        .filter(
            p ->
                commandLine(p).contains("containerd-shim")
                    && commandLine(p).contains(run.toString()))
        .forEach(processes::add);
    terminate(processes);
  }

  /** Unmounts, deepest first, whatever is mounted below the directories. */
  static void unmountBelow(Path... directories) {
    List<String> mountPoints = new ArrayList<>();
    try (Stream<String> lines = Files.lines(Path.of("/proc/self/mountinfo"))) {
      lines
          .map(line -> line.split(" ")[4].replace("\\040", " "))
          .filter(
              point ->
                  Stream.of(directories)
                      .anyMatch(dir -> point.startsWith(dir.toAbsolutePath() + "/")))
          .forEach(mountPoints::add);
    } catch (IOException e) {
      LOG.warn("could not read the mount table: {}", e.toString());
      return;
    }
    mountPoints.sort(Comparator.comparingInt(String::length).reversed());
    for (String point : mountPoints) {
      run("umount", "-l", point);
    }
  }

  private static List<ProcessHandle> podProcesses() {
    if (!Files.isDirectory(KUBEPODS_CGROUP)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(KUBEPODS_CGROUP)) {
      return files
          .filter(file -> file.getFileName().toString().equals("cgroup.procs"))
          .flatMap(NodeCleanup::pids)
          .distinct()
          .map(ProcessHandle::of)
          .flatMap(java.util.Optional::stream)
          .toList();
    } catch (IOException e) {
      LOG.warn("could not read {}: {}", KUBEPODS_CGROUP, e.toString());
      return List.of();
    }
  }

  private static Stream<Long> pids(Path procs) {
    try {
      return Files.readAllLines(procs).stream().filter(l -> !l.isBlank()).map(Long::valueOf);
    } catch (IOException gone) {
      return Stream.empty();
    }
  }

  private static void terminate(List<ProcessHandle> processes) {
    processes.forEach(ProcessHandle::destroy);
    for (ProcessHandle process : processes) {
      try {
        process.onExit().get(10, TimeUnit.SECONDS);
      } catch (Exception stillRunning) {
        process.destroyForcibly();
      }
    }
  }

  private static boolean mentions(ProcessHandle process, Path directory) {
    String dir = directory.toAbsolutePath().toString();
    return Stream.of(commandLine(process).split("[ =]"))
        .anyMatch(word -> word.equals(dir) || word.startsWith(dir + "/"));
  }

  private static String commandLine(ProcessHandle process) {
    try {
      return new String(
              Files.readAllBytes(Path.of("/proc", String.valueOf(process.pid()), "cmdline")),
              StandardCharsets.UTF_8)
          .replace('\0', ' ');
    } catch (IOException | SecurityException gone) {
      return "";
    }
  }

  private static void run(String... command) {
    try {
      Command result = Command.run(List.of(command), TIMEOUT);
      if (!result.succeeded()) {
        LOG.debug("{} failed: {}", String.join(" ", command), result.output().strip());
      }
    } catch (RuntimeException e) {
      LOG.warn("could not run {}: {}", command[0], e.toString());
    }
  }
}

package io.taskoverflow.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The host's view of the node's containers: their processes are ordinary processes of this machine,
 * each in a cgroup named after its container's id.
 */
final class PodProcesses {

  private PodProcesses() {}

  /** Process ids of a container, given as the pod status writes it ({@code containerd://<id>}). */
  static List<Long> ofContainer(String containerId) {
    String id = containerId.substring(containerId.indexOf("://") + 3);
    return processes().filter(pid -> read(pid, "cgroup").contains(id)).toList();
  }

  /** Process ids of pod processes (under the kubelet's cgroups) whose command line has this. */
  static List<Long> running(String commandLinePart) {
    return processes()
        .filter(pid -> read(pid, "cgroup").contains("/kubepods"))
        .filter(pid -> read(pid, "cmdline").contains(commandLinePart))
        .toList();
  }

  private static Stream<Long> processes() {
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      return entries
          .map(entry -> entry.getFileName().toString())
          .filter(name -> name.chars().allMatch(Character::isDigit))
          .map(Long::valueOf)
          .toList()
          .stream();
    } catch (IOException e) {
      throw new IllegalStateException("cannot list /proc", e);
    }
  }

  private static String read(long pid, String file) {
    try {
      return new String(
              Files.readAllBytes(Path.of("/proc", String.valueOf(pid), file)),
              StandardCharsets.UTF_8)
          .replace('\0', ' ');
    } catch (IOException | SecurityException gone) {
      return "";
    }
  }
}

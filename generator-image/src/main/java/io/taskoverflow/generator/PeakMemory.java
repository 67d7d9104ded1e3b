package io.taskoverflow.generator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** This process's peak resident set size, as Linux counts it (VmHWM); empty elsewhere. */
final class PeakMemory {

  private PeakMemory() {}

  static OptionalLong residentKiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return OptionalLong.of(Long.parseLong(line.replaceAll("\\D", "")));
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux, or /proc hidden: the figure is informative only.
    }
    return OptionalLong.empty();
  }
}

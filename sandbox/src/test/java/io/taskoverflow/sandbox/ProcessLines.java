package io.taskoverflow.sandbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Collects a process's output line by line as it comes, for tests that watch a process run. */
final class ProcessLines {

  private ProcessLines() {}

  /** Starts a thread that appends each line of the process's output to {@code lines}. */
  static Thread collect(Process process, List<String> lines) {
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  lines.add(line);
                }
              } catch (IOException e) {
                // the process was stopped
              }
            },
            "process-lines");
    reader.start();
    return reader;
  }
}

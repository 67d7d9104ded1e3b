package io.taskoverflow.generator;

import io.taskoverflow.model.job.GeneratorEnv;
import io.taskoverflow.model.job.GeneratorReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The file Kubernetes reads into the container's termination message. */
record TerminationMessage(Path path) {

  static TerminationMessage fromEnv(Map<String, String> env) {
    String path = env.get(GeneratorEnv.TERMINATION_MESSAGE_PATH);
    return new TerminationMessage(
        Path.of(
            path == null || path.isBlank() ? GeneratorEnv.DEFAULT_TERMINATION_MESSAGE_PATH : path));
  }

  void write(GeneratorReport report) throws IOException {
    Files.writeString(path, report.toJson() + "\n", StandardCharsets.UTF_8);
  }
}

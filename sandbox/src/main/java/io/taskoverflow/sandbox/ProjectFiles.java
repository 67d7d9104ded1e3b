package io.taskoverflow.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The project checkout the sandbox runs from: its chart, its cluster add-ons, and the scripts that
 * build (or find cached) the Go tools and the images.
 */
record ProjectFiles(Path root) {

  private static final String MARKER = "helm/taskoverflow/Chart.yaml";

  /** The checkout that holds the working directory. */
  static ProjectFiles find() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(MARKER))) {
        return new ProjectFiles(dir);
      }
    }
    throw new IllegalStateException(
        "run the sandbox from the project's checkout (no " + MARKER + " here or above)");
  }

  Path chart() {
    return root.resolve("helm/taskoverflow");
  }

  Path addon(String file) {
    return root.resolve("sandbox/addons").resolve(file);
  }

  Path sandboxValues() {
    return root.resolve("sandbox/values-sandbox.yaml");
  }

  /** A Go tool built from its pinned module by {@code sandbox/tools/build.sh} (cached). */
  Path tool(String name) {
    List<String> lines = runScript("sandbox/tools/build.sh", name);
    return Path.of(lines.get(lines.size() - 1).strip());
  }

  /** The registry on 127.0.0.1:5000 and the base images in it ({@code sandbox/images/build.sh}). */
  void ensureImages() {
    runScript("sandbox/images/build.sh");
  }

  private List<String> runScript(String script, String... arguments) {
    List<String> command = new ArrayList<>(List.of("bash", root.resolve(script).toString()));
    command.addAll(List.of(arguments));
    try {
      Process process =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int exit = process.waitFor();
      List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();
      if (exit != 0) {
        throw new IllegalStateException(script + " failed with exit code " + exit);
      }
      return lines.isEmpty() ? List.of("") : lines;
    } catch (IOException e) {
      throw new UncheckedIOException("could not run " + script, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + script, e);
    }
  }
}

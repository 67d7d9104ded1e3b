package io.taskoverflow.controlplane;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The directory holding {@code etcd}, {@code kube-apiserver}, {@code kube-controller-manager},
 * {@code kube-scheduler}, {@code kubelet} and {@code kube-proxy}: the one named by {@code
 * SANDBOX_KUBE_BINARIES}, or else the cached build of the pinned release that {@code
 * control-plane/kubernetes/build.sh} makes (or reuses).
 */
public record KubeBinaries(Path directory) {

  public static final String DIRECTORY_VARIABLE = "SANDBOX_KUBE_BINARIES";
  public static final List<String> NAMES =
      List.of(
          "etcd",
          "kube-apiserver",
          "kube-controller-manager",
          "kube-scheduler",
          "kubelet",
          "kube-proxy");

  static final String BUILD_SCRIPT = "control-plane/kubernetes/build.sh";

  public KubeBinaries {
    List<String> missing = new ArrayList<>();
    for (String name : NAMES) {
      if (!Files.isExecutable(directory.resolve(name))) {
        missing.add(name);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          directory + " lacks the executables " + String.join(", ", missing));
    }
  }

  /** The binaries for this environment, building them first when needed. */
  public static KubeBinaries locate(Map<String, String> env) {
    String configured = env.get(DIRECTORY_VARIABLE);
    if (configured != null && !configured.isBlank()) {
      return new KubeBinaries(Path.of(configured).toAbsolutePath());
    }
    return new KubeBinaries(build(buildScript(Path.of("").toAbsolutePath())));
  }

  public Path path(String name) {
    return directory.resolve(name);
  }

  /** The project's build script, found from the working directory or any parent of it. */
  static Path buildScript(Path start) {
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path script = dir.resolve(BUILD_SCRIPT);
      if (Files.isRegularFile(script)) {
        return script;
      }
    }
    throw new IllegalStateException(
        "no Kubernetes binaries: set "
            + DIRECTORY_VARIABLE
            + " to a directory with "
            + String.join(", ", NAMES)
            + ", or run from the project, whose "
            + BUILD_SCRIPT
            + " builds them");
  }

  private static Path build(Path script) {
    try {
      Process process =
          new ProcessBuilder("bash", script.toString())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int exit = process.waitFor();
      List<String> lines = output.lines().toList();
      if (exit != 0 || lines.isEmpty()) {
        throw new IllegalStateException(script + " failed with exit code " + exit);
      }
      return Path.of(lines.get(lines.size() - 1).strip());
    } catch (IOException e) {
      throw new UncheckedIOException("could not run " + script, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while building the Kubernetes binaries", e);
    }
  }
}

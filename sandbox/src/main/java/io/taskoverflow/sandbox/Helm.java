package io.taskoverflow.sandbox;

import io.taskoverflow.controlplane.Command;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The helm binary, run against one cluster and namespace as a user would run it. */
public record Helm(Path binary, Path kubeconfig, String namespace) {

  /** Longer than any {@code --timeout} the sandbox gives helm's own waits. */
  private static final Duration TIMEOUT = Duration.ofMinutes(10);

  /** Runs {@code helm <arguments>}; returns its output, or fails with it. */
  public String run(String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(List.of(arguments));
    command.addAll(List.of("--kubeconfig", kubeconfig.toString(), "--namespace", namespace));
    return Command.succeed(command, TIMEOUT, "helm " + String.join(" ", arguments));
  }

  public Path binary() {
    return binary;
  }
}

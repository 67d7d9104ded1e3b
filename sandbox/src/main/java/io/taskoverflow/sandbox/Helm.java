package io.taskoverflow.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The helm binary, run against one cluster and namespace as a user would run it. */
public final class Helm {

  private final Path binary;
  private final Path kubeconfig;
  private final String namespace;

  Helm(Path binary, Path kubeconfig, String namespace) {
    this.binary = binary;
    this.kubeconfig = kubeconfig;
    this.namespace = namespace;
  }

  /** Runs {@code helm <arguments>}; returns its output, or fails with it. */
  public String run(String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(List.of(arguments));
    command.addAll(List.of("--kubeconfig", kubeconfig.toString(), "--namespace", namespace));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw new IllegalStateException(
            "helm " + String.join(" ", arguments) + " failed:\n" + output.strip());
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException("could not run " + binary, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running helm", e);
    }
  }

  public Path binary() {
    return binary;
  }
}

package io.taskoverflow.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real kubectl against a sandbox, with its administrator's kubeconfig, as a user runs it. */
final class Kubectl {

  record Result(int exitCode, String output) {}

  private final Sandbox sandbox;

  Kubectl(Sandbox sandbox) {
    this.sandbox = sandbox;
  }

  /** Runs it and fails the test unless it exits 0; answers what it printed (stderr included). */
  String run(String... arguments) throws Exception {
    Result result = runAllowingFailure(arguments);
    assertThat(result.exitCode()).as(result.output()).isZero();
    return result.output();
  }

  Result runAllowingFailure(String... arguments) throws Exception {
    return runWithInput(null, arguments);
  }

  Result runWithInput(String input, String... arguments) throws Exception {
    Process kubectl = start(arguments);
    try (OutputStream in = kubectl.getOutputStream()) {
      if (input != null) {
        in.write(input.getBytes(StandardCharsets.UTF_8));
      }
    }
    String output = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(kubectl.waitFor(150, TimeUnit.SECONDS)).isTrue();
    return new Result(kubectl.exitValue(), output);
  }

  /** For a command that keeps running, such as {@code get -w}. */
  Process start(String... arguments) throws IOException {
    List<String> command =
        new ArrayList<>(List.of("kubectl", "--kubeconfig", sandbox.kubeconfigPath().toString()));
    command.addAll(List.of(arguments));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }
}

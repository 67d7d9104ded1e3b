package io.taskoverflow.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** queue-demo/queue, the README's entry point (it builds, so here it is only checked). */
class QueueScriptTest {

  private static final Path SCRIPT = Path.of("queue");

  @Test
  void theScriptIsStrictBashAndExecutable() throws IOException {
    String script = Files.readString(SCRIPT);

    assertThat(script).startsWith("#!/usr/bin/env bash\n").contains("\nset -euo pipefail\n");
    assertThat(Files.isExecutable(SCRIPT)).isTrue();
  }

  @Test
  void theScriptRunsTheJarThisModuleBuilds() throws IOException {
    String script = Files.readString(SCRIPT);
    String pom = Files.readString(Path.of("pom.xml"));

    assertThat(pom).contains("<finalName>queue-demo</finalName>");
    assertThat(script).contains("/queue-demo/target/queue-demo.jar", "-pl queue-demo package");
  }

  @Test
  void theScriptPassesBashSyntaxCheck() throws Exception {
    Result result = run("bash", "-n", SCRIPT.toString());

    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @Test
  void theScriptPassesShellcheck() throws Exception {
    boolean available = run("sh", "-c", "command -v shellcheck").exitCode() == 0;
    if (!available && "true".equals(System.getenv("CI"))) {
      throw new AssertionError(
          "shellcheck is missing, and CI=true requires it (apt-get install shellcheck)");
    }
    assumeTrue(available, "shellcheck is not installed; CI runs this check");

    Result result = run("shellcheck", "--severity=style", SCRIPT.toString());

    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  private record Result(int exitCode, String output) {}

  private static Result run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " timed out");
    }
    return new Result(process.exitValue(), output);
  }
}

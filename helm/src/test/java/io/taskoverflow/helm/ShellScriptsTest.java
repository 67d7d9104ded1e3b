package io.taskoverflow.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shell script of the repository (found by its bash shebang, so a new one is checked too) is
 * strict, executable bash that passes {@code bash -n} and shellcheck. The Maven wrapper is not
 * ours.
 */
class ShellScriptsTest {

  private static final Set<String> SKIPPED_FOLDERS =
      Set.of(".git", "target", ".sandbox", "node_modules");
  private static final Set<String> NOT_OURS = Set.of("mvnw");

  static Stream<Path> scripts() throws IOException {
    Path root = Chart.repoRoot();
    List<Path> scripts = new ArrayList<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
            return SKIPPED_FOLDERS.contains(dir.getFileName().toString())
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            if (!NOT_OURS.contains(file.getFileName().toString()) && hasBashShebang(file)) {
              scripts.add(root.relativize(file));
            }
            return FileVisitResult.CONTINUE;
          }
        });
    return scripts.stream().sorted();
  }

  @Test
  void theScriptsAreFound() throws IOException {
    assertThat(scripts())
        .contains(
            Path.of(".ci/run"),
            Path.of("sandbox/start"),
            Path.of("queue-demo/queue"),
            Path.of("scripts/kind-e2e.sh"),
            Path.of("control-plane/kubernetes/build.sh"));
  }

  @ParameterizedTest
  @MethodSource("scripts")
  void isStrictExecutableBash(Path script) throws IOException {
    Path file = Chart.repoRoot().resolve(script);
    assertThat(Files.readString(file))
        .startsWith("#!/usr/bin/env bash\n")
        .contains("\nset -euo pipefail\n");
    assertThat(Files.isExecutable(file)).isTrue();
  }

  @ParameterizedTest
  @MethodSource("scripts")
  void passesBashSyntaxCheck(Path script) throws Exception {
    Result result = run("bash", "-n", Chart.repoRoot().resolve(script).toString());

    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @ParameterizedTest
  @MethodSource("scripts")
  void passesShellcheck(Path script) throws Exception {
    boolean available = run("sh", "-c", "command -v shellcheck").exitCode() == 0;
    if (!available && "true".equals(System.getenv("CI"))) {
      throw new AssertionError(
          "shellcheck is missing, and CI=true requires it (apt-get install shellcheck)");
    }
    assumeTrue(available, "shellcheck is not installed; CI runs this check");

    Result result =
        run("shellcheck", "--severity=style", Chart.repoRoot().resolve(script).toString());

    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  private static boolean hasBashShebang(Path file) {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String first = reader.readLine();
      return first != null && first.startsWith("#!") && first.contains("bash");
    } catch (IOException notText) {
      return false; // binary files (images, jars) are no scripts
    }
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

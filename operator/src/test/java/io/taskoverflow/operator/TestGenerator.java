package io.taskoverflow.operator;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.taskoverflow.controlplane.ChildJvm;
import io.taskoverflow.model.job.DatabaseSecret;
import io.taskoverflow.model.job.GeneratorEnv;
import io.taskoverflow.schema.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real generator for a pod, as its container would: its own JVM on this test classpath
 * (which holds generator-image), with the pod's environment and the database Secret's values from
 * the test database.
 */
final class TestGenerator {

  record Outcome(int exitCode, String terminationMessage) {}

  private TestGenerator() {}

  /** The environment the pod's container gets. */
  static Map<String, String> env(Pod pod) {
    Map<String, String> env = new HashMap<>();
    for (EnvVar var : pod.getSpec().getContainers().get(0).getEnv()) {
      if (var.getValue() != null) {
        env.put(var.getName(), var.getValue());
      } else {
        env.put(var.getName(), secret(var.getValueFrom().getSecretKeyRef().getKey()));
      }
    }
    return env;
  }

  static Outcome run(Map<String, String> podEnv) {
    try {
      Path dir = Files.createTempDirectory("test-generator");
      Path termination = dir.resolve("termination-log");
      ProcessBuilder builder =
          new ProcessBuilder(
                  ChildJvm.command(List.of(), "io.taskoverflow.generator.GeneratorMain", List.of()))
              .redirectOutput(dir.resolve("stdout").toFile())
              .redirectError(dir.resolve("stderr").toFile());
      builder.environment().clear();
      builder.environment().putAll(podEnv);
      builder.environment().put("LANG", "C.UTF-8");
      builder.environment().put(GeneratorEnv.TERMINATION_MESSAGE_PATH, termination.toString());
      Process process = builder.start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("the generator did not finish within 120 s in " + dir);
      }
      String message =
          Files.exists(termination) ? Files.readString(termination, StandardCharsets.UTF_8) : "";
      return new Outcome(process.exitValue(), message);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String secret(String key) {
    return switch (key) {
      case DatabaseSecret.JDBC_URL_KEY -> TestDatabase.jdbcUrl();
      case DatabaseSecret.USERNAME_KEY -> TestDatabase.user();
      case DatabaseSecret.PASSWORD_KEY -> TestDatabase.password();
      default -> throw new IllegalArgumentException("the database Secret has no key " + key);
    };
  }
}

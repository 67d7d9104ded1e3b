package io.taskoverflow.generator;

import io.taskoverflow.schema.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Runs the generator the way a pod does: its own JVM, configured by environment only, on this
 * module's test classpath (which holds the main classes and their dependencies).
 */
final class GeneratorProcess {

  private final Map<String, String> env = new HashMap<>();
  private final List<String> jvmOptions = new ArrayList<>();
  private String classpath = testClasspath();
  private String mainClass = GeneratorMain.class.getName();

  /** A process pointed at the test database with a fresh export uid. */
  static GeneratorProcess forTestDatabase() {
    GeneratorProcess process = new GeneratorProcess();
    process.env.put("DB_URL", TestDatabase.jdbcUrl());
    process.env.put("DB_USER", TestDatabase.user());
    process.env.put("DB_PASSWORD", TestDatabase.password());
    process.env.put("EXPORT_NAME", "process-test");
    process.env.put("EXPORT_NAMESPACE", "default");
    process.env.put("EXPORT_UID", UUID.randomUUID().toString());
    return process;
  }

  GeneratorProcess env(String name, String value) {
    if (value == null) {
      env.remove(name);
    } else {
      env.put(name, value);
    }
    return this;
  }

  GeneratorProcess jvmOptions(List<String> options) {
    jvmOptions.addAll(options);
    return this;
  }

  /** Runs on another classpath, e.g. jars only (class-data sharing archives refuse directories). */
  GeneratorProcess classpath(String classpath) {
    this.classpath = classpath;
    return this;
  }

  /** Runs another main class in the generator's place, e.g. the benchmark's {@link PlainStream}. */
  GeneratorProcess mainClass(Class<?> main) {
    this.mainClass = main.getName();
    return this;
  }

  Map<String, String> env() {
    return Map.copyOf(env);
  }

  UUID exportUid() {
    return UUID.fromString(env.get("EXPORT_UID"));
  }

  Result run(Duration timeout) {
    try {
      Path dir = Files.createTempDirectory("generator-process");
      Path termination = dir.resolve("termination-log");
      Path stdout = dir.resolve("stdout");
      Path stderr = dir.resolve("stderr");
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(jvmOptions);
      command.add("-cp");
      command.add(classpath);
      command.add(mainClass);
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile());
      builder.environment().clear();
      builder.environment().putAll(env);
      builder.environment().put("TERMINATION_MESSAGE_PATH", termination.toString());
      long started = System.nanoTime();
      Process process = builder.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("the generator did not finish within " + timeout);
      }
      return new Result(
          process.exitValue(),
          Duration.ofNanos(System.nanoTime() - started),
          Files.readString(stdout, StandardCharsets.UTF_8),
          Files.readString(stderr, StandardCharsets.UTF_8),
          Files.exists(termination) ? Files.readString(termination, StandardCharsets.UTF_8) : null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Surefire and failsafe publish the real test classpath here; a plain JVM has java.class.path.
   */
  static String testClasspath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }

  record Result(
      int exitCode, Duration wallTime, String stdout, String stderr, String terminationMessage) {

    String lastStdoutLine() {
      List<String> lines = stdout.lines().toList();
      return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
  }
}

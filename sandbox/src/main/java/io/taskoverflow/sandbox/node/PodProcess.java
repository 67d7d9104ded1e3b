package io.taskoverflow.sandbox.node;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.taskoverflow.model.job.GeneratorEnv;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One container of one pod, run as its own JVM ({@code java -cp <this class path> <main class>})
 * with exactly the environment the pod spec gives, plus the termination message path and HOSTNAME
 * the kubelet would provide. Output goes to a log file in the pod's directory.
 */
final class PodProcess {

  /** Kubernetes keeps at most this many bytes of a termination message. */
  static final int MAX_TERMINATION_MESSAGE_BYTES = 4096;

  private final Process process;
  private final Path terminationMessage;
  private final Path log;
  private final Instant startedAt;
  private final java.util.concurrent.atomic.AtomicBoolean stopping =
      new java.util.concurrent.atomic.AtomicBoolean();

  private PodProcess(Process process, Path terminationMessage, Path log, Instant startedAt) {
    this.process = process;
    this.terminationMessage = terminationMessage;
    this.log = log;
    this.startedAt = startedAt;
  }

  static PodProcess start(
      String podName,
      String mainClass,
      Map<String, String> env,
      ResourceRequirements resources,
      Path podDirectory)
      throws IOException {
    Files.createDirectories(podDirectory);
    Path terminationMessage = podDirectory.resolve("termination-log");
    Path log = podDirectory.resolve("container.log");
    Files.deleteIfExists(terminationMessage);
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    // The generator image's flags (the parent pom's images profile and generator-image's
    // jvm.flags), with the heap sized from the container's memory limit as in a container.
    command.add("-XX:MaxRAMPercentage=75");
    command.add("-XX:+ExitOnOutOfMemoryError");
    command.add("-XX:+UseSerialGC");
    Quantity memory = limit(resources, "memory");
    if (memory != null) {
      command.add("-XX:MaxRAM=" + Quantity.getAmountInBytes(memory).longValue());
    }
    Quantity cpu = limit(resources, "cpu");
    if (cpu != null) {
      int cpus = Math.max(1, (int) Math.ceil(Quantity.getAmountInBytes(cpu).doubleValue()));
      command.add("-XX:ActiveProcessorCount=" + cpus);
    }
    command.add("-cp");
    command.add(absoluteClassPath());
    command.add(mainClass);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(podDirectory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().clear();
    builder.environment().putAll(env);
    builder.environment().put("HOSTNAME", podName);
    builder.environment().put(GeneratorEnv.TERMINATION_MESSAGE_PATH, terminationMessage.toString());
    Instant startedAt = Instant.now();
    return new PodProcess(builder.start(), terminationMessage, log, startedAt);
  }

  long pid() {
    return process.pid();
  }

  Path log() {
    return log;
  }

  /** True for the first caller only: the one that stops the process. */
  boolean markStopping() {
    return stopping.compareAndSet(false, true);
  }

  /** Whether it is being stopped because its pod was deleted. */
  boolean isStopping() {
    return stopping.get();
  }

  Instant startedAt() {
    return startedAt;
  }

  CompletableFuture<Process> onExit() {
    return process.onExit();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  int exitCode() {
    return process.exitValue();
  }

  /** SIGTERM, then SIGKILL after the grace period, like the kubelet stopping a container. */
  void kill(long gracePeriodSeconds) {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(gracePeriodSeconds, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The termination message: the file the container wrote, or with {@code FallbackToLogsOnError}
   * and a failure, the end of its log.
   */
  String terminationMessage(boolean fallbackToLogs) {
    String message = tail(terminationMessage);
    if (message.isEmpty() && fallbackToLogs && exitCode() != 0) {
      message = tail(log);
    }
    return message;
  }

  private static String tail(Path file) {
    if (!Files.exists(file)) {
      return "";
    }
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      long start = Math.max(0, length - MAX_TERMINATION_MESSAGE_BYTES);
      byte[] bytes = new byte[(int) (length - start)];
      in.seek(start);
      in.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return "";
    }
  }

  /** The container runs in its pod's directory, so relative class path entries must go. */
  private static String absoluteClassPath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(entry -> Paths.get(entry).toAbsolutePath().toString())
        .collect(Collectors.joining(File.pathSeparator));
  }

  private static Quantity limit(ResourceRequirements resources, String name) {
    return resources == null || resources.getLimits() == null
        ? null
        : resources.getLimits().get(name);
  }
}

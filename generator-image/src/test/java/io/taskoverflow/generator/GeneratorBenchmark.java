package io.taskoverflow.generator;

import io.taskoverflow.model.job.GeneratorReport;
import io.taskoverflow.schema.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prints the generator's figures; not a test (timings on a shared machine assert nothing). Run with
 * {@code ./mvnw -pl generator-image -Pbenchmark verify}; sizes via {@code -Dbenchmark.sizes=...}.
 *
 * <p>For each size: the real generator process (container JVM flags plus {@code -Xmx64m}, the heap
 * a 256Mi pod gets) from start to exit, its own in-process time and peak RSS (it reports VmHWM),
 * and the time to merely stream the same rows: in a process of the same flags ({@link PlainStream},
 * the like-for-like yardstick of the ratios) and in this warm JVM. Then the wall time of a 100-todo
 * run under several JVM flag sets, which is how the image's flags were chosen.
 */
public final class GeneratorBenchmark {

  private static final Pattern SUMMARY = Pattern.compile("in (\\d+) ms(?:, peak RSS (\\d+) MiB)?");
  private static final Pattern PLAIN = Pattern.compile("plain: (\\d+) rows in (\\d+) ms");
  private static final int STARTUP_RUNS = 7;

  private GeneratorBenchmark() {}

  public static void main(String[] args) throws Exception {
    List<String> containerFlags = split(System.getProperty("benchmark.jvm.flags", ""));
    int[] sizes =
        Arrays.stream(System.getProperty("benchmark.sizes", "10000,100000,1000000").split(","))
            .mapToInt(s -> Integer.parseInt(s.strip()))
            .toArray();
    System.out.println("container JVM flags (jvm.flags): " + String.join(" ", containerFlags));
    TestDatabase.postgres();

    System.out.println();
    System.out.println(
        "gen = the generator process, plain = a process of the same JVM flags that only streams the"
            + " rows\n(PlainStream: same connection settings and cursor query); both fresh JVMs"
            + " (cold JIT),\nPostgreSQL's cache warm for both. plain warm = the same streaming in"
            + " this already warm JVM.\nwall = process start to exit, work = in-process time.");
    System.out.printf(
        "%9s %8s %8s %9s %8s %11s %11s %11s %11s %11s%n",
        "todos",
        "gen wall",
        "gen work",
        "events/s",
        "peak RSS",
        "plain wall",
        "plain work",
        "plain warm",
        "wall/plain",
        "work/plain");
    for (int size : sizes) {
      sizeRow(size, containerFlags);
    }

    if (Boolean.parseBoolean(System.getProperty("benchmark.startup", "true"))) {
      System.out.println();
      startup(containerFlags);
    }
    TestDatabase.reset();
  }

  private static void sizeRow(int size, List<String> containerFlags) throws Exception {
    TestDatabase.reset();
    TodoTable.insertMany(size);
    // Hint bits and the visibility map are set once, so neither measurement pays for them.
    TodoTable.execute("VACUUM ANALYZE todos");

    plainStreamMillis(); // fills PostgreSQL's cache so every measurement finds it warm
    long plainWarmMillis = plainStreamMillis();
    List<String> options = new ArrayList<>(containerFlags);
    options.add("-Xmx64m");
    GeneratorProcess.Result plain =
        GeneratorProcess.forTestDatabase()
            .mainClass(PlainStream.class)
            .jvmOptions(options)
            .run(Duration.ofMinutes(15));
    if (plain.exitCode() != 0) {
      throw new IllegalStateException("plain streaming exited " + plain.exitCode() + ": " + plain);
    }
    Matcher plainSummary = PLAIN.matcher(plain.stdout());
    if (!plainSummary.find() || Long.parseLong(plainSummary.group(1)) != size) {
      throw new IllegalStateException("plain streaming printed: " + plain.stdout());
    }
    long plainWallMillis = plain.wallTime().toMillis();
    long plainWorkMillis = Math.max(1, Long.parseLong(plainSummary.group(2)));
    GeneratorProcess.Result run =
        GeneratorProcess.forTestDatabase().jvmOptions(options).run(Duration.ofMinutes(15));
    GeneratorReport report = requireSuccess(run);
    Matcher summary = SUMMARY.matcher(run.stdout());
    if (!summary.find()) {
      throw new IllegalStateException("no summary line in: " + run.stdout());
    }
    long wallMillis = run.wallTime().toMillis();
    long workMillis = Long.parseLong(summary.group(1));
    String rss = summary.group(2) == null ? "n/a" : summary.group(2) + " MiB";
    System.out.printf(
        "%9d %8d %8d %9.0f %8s %11d %11d %11d %11.2f %11.2f%n",
        size,
        wallMillis,
        workMillis,
        report.events() / (wallMillis / 1000.0),
        rss,
        plainWallMillis,
        plainWorkMillis,
        plainWarmMillis,
        (double) wallMillis / plainWallMillis,
        (double) workMillis / plainWorkMillis);
  }

  /** {@link PlainStream} in this JVM: the same settings and query, timed the same way. */
  private static long plainStreamMillis() throws Exception {
    long started = System.nanoTime();
    PlainStream.stream(GeneratorConfig.fromEnv(GeneratorProcess.forTestDatabase().env()));
    return Math.max(1, (System.nanoTime() - started) / 1_000_000);
  }

  private static void startup(List<String> containerFlags) throws IOException {
    TestDatabase.reset();
    TodoTable.insertMany(100);
    String jars = jarClasspath();
    Path archive = Files.createTempDirectory("generator-cds").resolve("generator.jsa");
    List<String> dump = new ArrayList<>(containerFlags);
    dump.add("-XX:ArchiveClassesAtExit=" + archive);
    requireSuccess(
        GeneratorProcess.forTestDatabase()
            .classpath(jars)
            .jvmOptions(dump)
            .run(Duration.ofMinutes(2)));
    List<String> withArchive = new ArrayList<>(containerFlags);
    withArchive.add("-XX:SharedArchiveFile=" + archive);

    System.out.printf(
        "100 todos, process start to exit, median of %d runs (classpath of jars):%n", STARTUP_RUNS);
    startupRow("JVM defaults", List.of(), jars);
    startupRow("-XX:TieredStopAtLevel=1", List.of("-XX:TieredStopAtLevel=1"), jars);
    startupRow("-XX:+UseSerialGC", List.of("-XX:+UseSerialGC"), jars);
    startupRow("-Xshare:off (no CDS at all)", List.of("-Xshare:off"), jars);
    startupRow(
        "serial GC + C1 only (former flags)",
        List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
        jars);
    startupRow("container flags", containerFlags, jars);
    startupRow("container flags + AppCDS archive", withArchive, jars);
  }

  /**
   * The runtime classpath as jars: the module's own jar instead of target/classes, test classes
   * left out (AppCDS accepts no directories; the generator needs neither).
   */
  private static String jarClasspath() {
    String moduleJar = System.getProperty("benchmark.jar");
    if (moduleJar == null || !Files.isRegularFile(Path.of(moduleJar))) {
      throw new IllegalStateException("set -Dbenchmark.jar to the packaged module jar");
    }
    List<String> entries = new ArrayList<>();
    entries.add(moduleJar);
    for (String entry : GeneratorProcess.testClasspath().split(java.io.File.pathSeparator)) {
      if (entry.endsWith(".jar")) {
        entries.add(entry);
      }
    }
    return String.join(java.io.File.pathSeparator, entries);
  }

  private static void startupRow(String label, List<String> options, String classpath) {
    long[] millis = new long[STARTUP_RUNS];
    for (int i = 0; i < STARTUP_RUNS; i++) {
      GeneratorProcess.Result run =
          GeneratorProcess.forTestDatabase()
              .classpath(classpath)
              .jvmOptions(options)
              .run(Duration.ofMinutes(2));
      requireSuccess(run);
      millis[i] = run.wallTime().toMillis();
    }
    Arrays.sort(millis);
    System.out.printf(
        "  %-36s %5d ms   (min %d, max %d)%n",
        label, millis[STARTUP_RUNS / 2], millis[0], millis[STARTUP_RUNS - 1]);
  }

  private static GeneratorReport requireSuccess(GeneratorProcess.Result run) {
    if (run.exitCode() != 0) {
      throw new IllegalStateException("generator exited " + run.exitCode() + ": " + run.stderr());
    }
    return GeneratorReport.parse(run.terminationMessage());
  }

  private static List<String> split(String flags) {
    return flags.isBlank() ? List.of() : List.of(flags.strip().split("\\s+"));
  }
}

package io.taskoverflow.generator;

import io.taskoverflow.model.job.GeneratorExitCode;
import io.taskoverflow.model.job.GeneratorReport;
import java.io.IOException;
import java.io.PrintStream;
import java.sql.Connection;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The generator Job's process: reads its configuration from the environment, writes one calendar,
 * leaves a one-line JSON report as the termination message and exits 0 (success), 1 (transient
 * trouble: the Job retries) or 2 (permanent trouble: the Job fails).
 */
public final class GeneratorMain {

  private GeneratorMain() {}

  public static void main(String[] args) {
    System.exit(run(Utf8Environment.read(), Clock.systemDefaultZone(), System.out, System.err));
  }

  static int run(Map<String, String> env, Clock clock, PrintStream out, PrintStream err) {
    long started = System.nanoTime();
    TerminationMessage termination = TerminationMessage.fromEnv(env);
    try {
      GeneratorConfig config = GeneratorConfig.fromEnv(env);
      StoredResult result;
      Optional<String> progressFailure;
      try (Connection read = Database.connect(config);
          Connection write = Database.connect(config);
          ProgressTable progress = ProgressTable.open(config)) {
        result = new CalendarGenerator(config, clock, progress).run(read, write);
        progressFailure = progress.failure();
      }
      GeneratorReport report =
          GeneratorReport.success(
              result.events(),
              result.skipped(),
              result.sizeBytes(),
              result.sha256(),
              result.location());
      out.println(summary(config, result, started, progressFailure));
      report(termination, report, err);
      out.println(report.toJson());
      return GeneratorExitCode.SUCCESS;
    } catch (Exception | Error e) {
      Failure failure = FailureClassifier.classify(e);
      err.println("generator: " + failure.line());
      report(termination, GeneratorReport.failure(failure.line()), err);
      return failure.exitCode();
    }
  }

  private static String summary(
      GeneratorConfig config, StoredResult result, long started, Optional<String> progressFailure) {
    long millis = (System.nanoTime() - started) / 1_000_000;
    String rss =
        PeakMemory.residentKiB().stream()
            .mapToObj(kib -> ", peak RSS " + kib / 1024 + " MiB")
            .findFirst()
            .orElse("");
    return "generator: export %s %s: %d %s, %d skipped, %d bytes, sha256 %s, in %d ms%s%s"
        .formatted(
            config.exportName(),
            config.exportUid(),
            result.events(),
            config.component(),
            result.skipped(),
            result.sizeBytes(),
            result.sha256(),
            millis,
            rss,
            progressFailure.map(failure -> "; progress not reported: " + failure).orElse(""));
  }

  private static void report(
      TerminationMessage termination, GeneratorReport report, PrintStream err) {
    try {
      termination.write(report);
    } catch (IOException | RuntimeException e) {
      // The exit code still tells the Job what happened; say why the detail is missing.
      err.println(
          "generator: could not write the termination message to " + termination.path() + ": " + e);
    }
  }
}

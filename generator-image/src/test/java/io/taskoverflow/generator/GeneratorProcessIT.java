package io.taskoverflow.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoverflow.model.job.GeneratorExitCode;
import io.taskoverflow.model.job.GeneratorReport;
import io.taskoverflow.model.job.ResultLocation;
import io.taskoverflow.schema.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The generator as its own process, judged by exit code, stdout, stderr and termination message.
 */
class GeneratorProcessIT {

  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  @BeforeEach
  void todos() {
    TestDatabase.reset();
    TodoTable.insert("with deadline", "d", false, LocalDateTime.of(2026, 3, 2, 8, 0));
    TodoTable.insert("without deadline", null, false, null);
  }

  @Test
  void aSuccessfulRunExitsZeroAndReportsThroughTheTerminationMessage() {
    GeneratorProcess generator = GeneratorProcess.forTestDatabase();

    GeneratorProcess.Result result = generator.run(TIMEOUT);

    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(GeneratorExitCode.SUCCESS);
    assertThat(result.stderr()).isEmpty();
    GeneratorReport report = GeneratorReport.parse(result.terminationMessage());
    assertThat(report.succeeded()).isTrue();
    assertThat(report.events()).isEqualTo(1);
    assertThat(report.skipped()).isEqualTo(1);
    assertThat(report.location()).isEqualTo(ResultLocation.of(generator.exportUid()));
    StoredCalendar stored = StoredCalendar.read(generator.exportUid());
    assertThat(report.bytes()).isEqualTo(stored.sizeBytes());
    assertThat(report.sha256()).isEqualTo(StoredCalendar.sha256(stored.bytes()));
    assertThat(result.terminationMessage()).doesNotContain("\n\n").endsWith("}\n");
    assertThat(result.lastStdoutLine()).isEqualTo(report.toJson());
  }

  @Test
  void aCalendarOverTheLimitIsPermanentExitsTwoAndStoresNothing() {
    GeneratorProcess generator = GeneratorProcess.forTestDatabase().env("MAX_RESULT_BYTES", "100");

    GeneratorProcess.Result result = generator.run(TIMEOUT);

    assertThat(result.exitCode()).isEqualTo(GeneratorExitCode.PERMANENT);
    assertOneLineFailure(
        result,
        "permanent failure: calendar exceeds the limit of 100 bytes (GENERATOR_MAX_RESULT_BYTES)");
    assertThat(StoredCalendar.read(generator.exportUid())).isNull();
  }

  @Test
  void aCalendarUnderTheLimitIsStored() {
    GeneratorProcess generator =
        GeneratorProcess.forTestDatabase().env("MAX_RESULT_BYTES", "67108864");

    GeneratorProcess.Result result = generator.run(TIMEOUT);

    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(GeneratorExitCode.SUCCESS);
    assertThat(StoredCalendar.read(generator.exportUid()).events()).isEqualTo(1);
  }

  @Test
  void aNonAsciiCalendarNameSurvivesAProcessWithoutALocale() {
    // The process environment is cleared: no LANG or LC_ALL, so the JVM's locale is POSIX.
    String name = "Café 日本 😀";
    GeneratorProcess generator = GeneratorProcess.forTestDatabase().env("CALENDAR_NAME", name);

    GeneratorProcess.Result result = generator.run(TIMEOUT);

    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(GeneratorExitCode.SUCCESS);
    assertThat(
            new String(StoredCalendar.read(generator.exportUid()).bytes(), StandardCharsets.UTF_8))
        .contains("X-WR-CALNAME:" + name + "\r\n");
  }

  @Test
  void anUnreachableDatabaseIsTransientAndExitsOne() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    GeneratorProcess generator =
        GeneratorProcess.forTestDatabase()
            .env("DB_URL", "jdbc:postgresql://127.0.0.1:" + closedPort + "/postgres");

    GeneratorProcess.Result result = generator.run(TIMEOUT);

    assertThat(result.exitCode()).isEqualTo(GeneratorExitCode.TRANSIENT);
    assertOneLineFailure(result, "transient failure (will retry): ");
    assertThat(result.stderr()).contains("08001");
  }

  @Test
  void aBadOptionIsPermanentAndExitsTwo() {
    GeneratorProcess generator = GeneratorProcess.forTestDatabase().env("FILTER_WINDOW_DAYS", "-3");

    GeneratorProcess.Result result = generator.run(TIMEOUT);

    assertThat(result.exitCode()).isEqualTo(GeneratorExitCode.PERMANENT);
    assertOneLineFailure(result, "permanent failure: Invalid generator configuration: ");
    assertThat(result.stderr()).contains("FILTER_WINDOW_DAYS must be a non-negative integer");
  }

  @Test
  void missingVariablesAreNamedTogetherAndExitTwo() {
    GeneratorProcess generator =
        GeneratorProcess.forTestDatabase().env("DB_URL", null).env("EXPORT_UID", null);

    GeneratorProcess.Result result = generator.run(TIMEOUT);

    assertThat(result.exitCode()).isEqualTo(GeneratorExitCode.PERMANENT);
    assertOneLineFailure(
        result,
        "permanent failure: Invalid generator configuration: missing required environment"
            + " variables: DB_URL, EXPORT_UID");
  }

  @Test
  void aDatabaseWithoutTheSchemaIsPermanentAndExitsTwo() {
    TodoTable.execute("DROP DATABASE IF EXISTS unmigrated");
    TodoTable.execute("CREATE DATABASE unmigrated");
    GeneratorProcess generator =
        GeneratorProcess.forTestDatabase()
            .env("DB_URL", TestDatabase.jdbcUrl().replace("/postgres", "/unmigrated"));

    GeneratorProcess.Result result = generator.run(TIMEOUT);

    assertThat(result.exitCode()).isEqualTo(GeneratorExitCode.PERMANENT);
    assertOneLineFailure(result, "permanent failure: ");
    assertThat(result.stderr()).contains("42P01");
  }

  private static void assertOneLineFailure(GeneratorProcess.Result result, String prefix) {
    assertThat(result.stderr().lines()).hasSize(1);
    assertThat(result.stderr()).startsWith("generator: " + prefix);
    GeneratorReport report = GeneratorReport.parse(result.terminationMessage());
    assertThat(report.succeeded()).isFalse();
    assertThat(report.error()).startsWith(prefix);
    assertThat(result.stdout()).isEmpty();
  }
}

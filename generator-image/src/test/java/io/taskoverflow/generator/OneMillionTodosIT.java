package io.taskoverflow.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoverflow.model.job.GeneratorExitCode;
import io.taskoverflow.model.job.GeneratorReport;
import io.taskoverflow.schema.TestDatabase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The lean claim: a million todos through a real process whose heap is capped at 64 MB. */
class OneMillionTodosIT {

  private static final int TODOS = 1_000_000;

  @AfterAll
  static void freeTheSpace() {
    TestDatabase.reset();
  }

  @Test
  void aMillionTodosGoThroughIn64MegabytesOfHeap() {
    TestDatabase.reset();
    TodoTable.insertMany(TODOS);
    GeneratorProcess generator =
        GeneratorProcess.forTestDatabase().jvmOptions(List.of("-Xmx64m", "-XX:+UseSerialGC"));

    GeneratorProcess.Result result = generator.run(Duration.ofMinutes(10));

    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(GeneratorExitCode.SUCCESS);
    GeneratorReport report = GeneratorReport.parse(result.terminationMessage());
    assertThat(report.events()).isEqualTo(TODOS - TODOS / 10);
    assertThat(report.skipped()).isEqualTo(TODOS / 10);
    assertThat(StoredCalendar.streamedSha256(generator.exportUid())).isEqualTo(report.sha256());
  }
}

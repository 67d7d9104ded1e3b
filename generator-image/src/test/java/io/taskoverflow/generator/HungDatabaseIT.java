package io.taskoverflow.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoverflow.model.job.GeneratorExitCode;
import io.taskoverflow.schema.RestartablePostgresPerClass;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The generator against a PostgreSQL that accepts connections and answers nothing (every process
 * frozen with SIGSTOP, as a partition looks): it gives up and exits 1, so the Job retries, instead
 * of hanging until the Job's deadline. The time it took is printed, not asserted.
 */
class HungDatabaseIT {

  @RegisterExtension
  static final RestartablePostgresPerClass database = new RestartablePostgresPerClass();

  @Test
  void aFrozenDatabaseIsATransientFailureNotAHang() {
    GeneratorProcess generator =
        GeneratorProcess.forTestDatabase()
            .env("DB_URL", database.get().jdbcUrl())
            .env("DB_USER", "postgres")
            .env("DB_PASSWORD", "")
            .env("DB_STATEMENT_TIMEOUT_MS", "1000");
    database.get().freeze();
    GeneratorProcess.Result result;
    try {
      // Far beyond the generator's bounds (10 s to connect, 2 s per read): a hang fails here.
      result = generator.run(Duration.ofSeconds(60));
    } finally {
      database.get().thaw();
    }

    System.out.printf(
        "generator against a frozen PostgreSQL: exit %d after %d ms: %s%n",
        result.exitCode(), result.wallTime().toMillis(), result.stderr().strip());
    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(GeneratorExitCode.TRANSIENT);
  }
}

package io.taskoverflow.queue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueueCommandTest {

  @Test
  void aUsageErrorIsOneLineFollowedByTheUsageAndExit64() {
    CommandRun run = CommandRun.run("--name", "csse6400_prac");

    assertThat(run.exitCode()).isEqualTo(64);
    assertThat(run.errLines().get(0)).isEqualTo("queue: missing --client-name");
    assertThat(run.err()).contains(QueueOptions.USAGE);
    assertThat(run.out()).isEmpty();
  }

  @Test
  void helpPrintsTheUsageAndSucceeds() {
    CommandRun run = CommandRun.run("--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo(QueueOptions.USAGE + System.lineSeparator());
    assertThat(run.err()).isEmpty();
  }
}

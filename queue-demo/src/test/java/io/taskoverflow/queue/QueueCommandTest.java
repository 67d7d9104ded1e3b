package io.taskoverflow.queue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueueCommandTest {

  private static final String USAGE =
      QueueOptions.commandLine(new QueueOptions()).getUsageMessage();

  @Test
  void aUsageErrorIsOneLineFollowedByTheUsageAndExit64() {
    CommandRun run = CommandRun.run("--name", "csse6400_prac");

    assertThat(run.exitCode()).isEqualTo(64);
    assertThat(run.errLines().get(0)).isEqualTo("queue: missing --client-name");
    assertThat(run.err())
        .isEqualTo("queue: missing --client-name" + System.lineSeparator() + USAGE);
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aWordPicocliCannotReadIsAUsageErrorToo() {
    CommandRun run = CommandRun.run("--queue", "csse6400_prac");

    assertThat(run.exitCode()).isEqualTo(64);
    assertThat(run.errLines().get(0))
        .isEqualTo("queue: Unknown options: '--queue', 'csse6400_prac'");
    assertThat(run.err()).endsWith(USAGE);
    assertThat(run.out()).isEmpty();
  }

  @Test
  void helpPrintsTheUsageAndSucceeds() {
    CommandRun run = CommandRun.run("--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo(USAGE);
    assertThat(run.err()).isEmpty();
  }

  @Test
  void theUsageShowsBothFormsAndEveryOptionWithItsDefault() {
    assertThat(USAGE.lines())
        .startsWith(
            "usage: queue --name QUEUE --client-name NAME [--receive] [--count N] [--endpoint URL]",
            "       queue --local-server [--port N] [--bind ADDRESS]");
    assertThat(USAGE)
        .contains(
            "--name=QUEUE",
            "--client-name=NAME",
            "--receive",
            "--count=N",
            "(default: 100)",
            "--endpoint=URL",
            "--local-server",
            "--port=N",
            "(default: 9324)",
            "--bind=ADDRESS",
            "(default: 127.0.0.1)",
            "-h, --help",
            "A QUEUE ending in .fifo is a FIFO queue.");
  }
}

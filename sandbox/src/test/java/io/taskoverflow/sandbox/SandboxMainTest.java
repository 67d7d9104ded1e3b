package io.taskoverflow.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The sandbox's command line: wrong arguments are usage errors (64) that start nothing. */
class SandboxMainTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine command = SandboxMain.commandLine();
    command.setOut(new PrintWriter(out, true));
    command.setErr(new PrintWriter(err, true));
    return command.execute(args);
  }

  @Test
  void helpListsEveryOptionAndStartsNothing() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString())
        .contains("sandbox/start", "--fresh", "--port", "--kube-port", "--work-dir", "--api-token")
        .contains("--values", "--set", "default: 6400");
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    assertThat(run("--frsh")).isEqualTo(SandboxMain.USAGE);
    assertThat(err.toString()).contains("--frsh");
  }

  @Test
  void aPortMustBeANumber() {
    assertThat(run("--port", "six")).isEqualTo(SandboxMain.USAGE);
    assertThat(err.toString()).contains("--port", "six");
  }

  @Test
  void anOptionWithoutItsValueIsAUsageError() {
    assertThat(run("--work-dir")).isEqualTo(SandboxMain.USAGE);
    assertThat(err.toString()).contains("--work-dir");
  }

  @Test
  void whatTheSandboxRefusesIsAUsageErrorToo() {
    assertThat(run("--api-token", "short")).isEqualTo(SandboxMain.USAGE);
    assertThat(err.toString()).contains("an API token needs at least 16 characters");
  }

  @Test
  void aChartValueNeedsAKeyAndAValue() {
    assertThat(run("--set", "novalue")).isEqualTo(SandboxMain.USAGE);
    assertThat(err.toString()).contains("novalue");
  }
}

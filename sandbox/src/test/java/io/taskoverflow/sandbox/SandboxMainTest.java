package io.taskoverflow.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

  // Each row: the arguments, then what stderr must name (separated by ';').
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--frsh            | --frsh",
        "--port six        | --port;six",
        "--work-dir        | --work-dir",
        "--api-token short | an API token needs at least 16 characters",
        "--set novalue     | novalue",
      })
  void wrongArgumentsAreAUsageErrorNamedOnStderr(String args, String named) {
    assertThat(run(args.split(" "))).isEqualTo(SandboxMain.USAGE);
    assertThat(err.toString()).contains(named.split(";"));
  }
}

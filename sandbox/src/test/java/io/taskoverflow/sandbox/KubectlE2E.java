package io.taskoverflow.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskoverflow.helm.ChartRbac;
import io.taskoverflow.model.CalendarExport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The sandbox driven by real kubectl, as a user of any cluster would drive it. */
class KubectlE2E {

  @RegisterExtension static final CleanSandbox e2e = new CleanSandbox();

  private static final String OPERATOR =
      "system:serviceaccount:" + Sandbox.NAMESPACE + ":" + ChartRbac.OPERATOR_ACCOUNT;

  @BeforeAll
  static void startSandbox() {
    e2e.api().createTodo("Hand in the report", "Chapters 1-3", "2026-06-01T12:00:00");
    e2e.api().createTodo("Review pull requests", null, "2026-06-02T14:30:00");
  }

  @Test
  void everyExampleAppliesClientSideAndServerSideAndWaitSeesItSucceed() throws Exception {
    List<Path> examples = examples();
    assertThat(examples).isNotEmpty();

    for (String mode : List.of("--server-side=false", "--server-side=true")) {
      for (Path example : examples) {
        assertThat(e2e.kubectl().run("apply", mode, "-f", example.toString()))
            .contains("calendarexport.taskoverflow.io/");
      }
      for (Path example : examples) {
        String name = example.getFileName().toString().replace(".yaml", "");
        assertThat(
                e2e.kubectl()
                    .run(
                        "wait",
                        "--for=condition=Succeeded",
                        "calendarexport/" + name,
                        "--timeout=120s"))
            .contains("condition met");
        // The api-server reads the status from its informer, a moment behind the API server.
        await()
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(() -> assertThat(e2e.api().taskStatus(name)).isEqualTo("SUCCESS"));
      }
      e2e.kubectl().run("delete", "--wait=true", "-f", examplesDirectory().toString());
    }
  }

  @Test
  void getWatchShowsTheExportsPhasesAsTheyChange() throws Exception {
    Process watch =
        e2e.kubectl()
            .start(
                "get",
                "calendarexports",
                "--watch",
                "--output=custom-columns=NAME:.metadata.name,PHASE:.status.phase",
                "--no-headers");
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader = ProcessLines.collect(watch, lines);
    try {
      String taskId = e2e.api().startFreshExport();

      await()
          .atMost(Duration.ofSeconds(120))
          .until(() -> phasesOf(lines, taskId).contains("Succeeded"));

      List<String> phases = phasesOf(lines, taskId);
      assertThat(phases).last().isEqualTo("Succeeded");
      assertThat(phases)
          .hasSizeGreaterThan(1)
          .isSubsetOf("<none>", "Pending", "Running", "Succeeded");
    } finally {
      watch.destroy();
      reader.join(5000);
    }
  }

  @Test
  void logsDescribeAndEventsShowTheGeneratorAndTheOperatorsEvents() throws Exception {
    String taskId = e2e.api().startFreshExport();
    e2e.kubectl()
        .run("wait", "--for=condition=Succeeded", "calendarexport/" + taskId, "--timeout=120s");

    assertThat(e2e.kubectl().run("logs", "job/" + taskId))
        .contains("generator: export " + taskId)
        .contains("\"outcome\":\"succeeded\"");
    assertThat(e2e.kubectl().run("describe", "calendarexport", taskId))
        .contains("JobCreated")
        .contains("Succeeded");
    assertThat(e2e.kubectl().run("events", "--for", "calendarexport/" + taskId))
        .contains("JobCreated")
        .contains("Started")
        .contains("Succeeded");
  }

  @Test
  void explainDescribesTheSpecFromTheCrdSchema() throws Exception {
    String output = e2e.kubectl().run("explain", "calendarexport.spec");

    assertThat(output).contains("component").contains("calendarName").contains("cancelled");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "an invalid enum | component: VJOURNAL | Unsupported value: \"VJOURNAL\"",
        "a bound out of range | backoffLimit: 500 | should be less than or equal to 20",
        "a wrong type | backoffLimit: five | spec.backoffLimit: Invalid value: \"string\""
      })
  void theApiServerRejectsAnInvalidExportWithAClearMessage(
      String what, String field, String message) throws Exception {
    String name = "invalid-" + Math.abs(what.hashCode());
    String manifest =
        """
        apiVersion: taskoverflow.io/v1
        kind: CalendarExport
        metadata:
          name: %s
        spec:
          %s
        """
            .formatted(name, field);

    Kubectl.Result rejected = e2e.kubectl().runWithInput(manifest, "apply", "-f", "-");

    assertThat(rejected.exitCode()).isNotZero();
    assertThat(rejected.output()).contains(message);
    assertThat(e2e.sandbox().client().resources(CalendarExport.class).withName(name).get())
        .isNull();
    assertThat(e2e.api().status(name).status()).isEqualTo(404);
    assertThat(e2e.api().health()).isEqualTo(200);
  }

  @Test
  void changingAnImmutableFieldIsRejectedAndTheExportKeepsItsOptions() throws Exception {
    String taskId = e2e.api().startFreshExport();
    e2e.kubectl()
        .run("wait", "--for=condition=Succeeded", "calendarexport/" + taskId, "--timeout=120s");

    Kubectl.Result rejected =
        e2e.kubectl()
            .runAllowingFailure(
                "patch",
                "calendarexport",
                taskId,
                "--type=merge",
                "--patch={\"spec\":{\"component\":\"VTODO\"}}");

    assertThat(rejected.exitCode()).isNotZero();
    assertThat(rejected.output()).contains("spec is immutable after creation, except cancelled");
    assertThat(e2e.api().status(taskId).json().get("component").asText()).isEqualTo("VEVENT");
    assertThat(e2e.api().health()).isEqualTo(200);
  }

  @Test
  void authCanIShowsTheOperatorMayCreateJobsButNotReadSecrets() throws Exception {
    assertThat(
            e2e.kubectl()
                .runAllowingFailure("auth", "can-i", "create", "jobs", "--as=" + OPERATOR)
                .output())
        .isEqualToIgnoringWhitespace("yes");
    assertThat(
            e2e.kubectl()
                .runAllowingFailure("auth", "can-i", "get", "secrets", "--as=" + OPERATOR)
                .output())
        .isEqualToIgnoringWhitespace("no");
    assertThat(
            e2e.kubectl()
                .runAllowingFailure(
                    "auth", "can-i", "update", "calendarexports/status", "--as=" + OPERATOR)
                .output())
        .isEqualToIgnoringWhitespace("yes");
    assertThat(e2e.kubectl().run("auth", "whoami")).contains("sandbox-admin");
  }

  private static List<String> phasesOf(List<String> lines, String name) {
    List<String> phases = new ArrayList<>();
    for (String line : lines) {
      String[] columns = line.trim().split("\\s+");
      if (columns.length == 2 && columns[0].equals(name)) {
        if (phases.isEmpty() || !phases.get(phases.size() - 1).equals(columns[1])) {
          phases.add(columns[1]);
        }
      }
    }
    return phases;
  }

  private static Path examplesDirectory() {
    Path dir = Path.of("").toAbsolutePath();
    while (!Files.isDirectory(dir.resolve("examples"))) {
      dir = dir.getParent();
    }
    return dir.resolve("examples");
  }

  private static List<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(examplesDirectory())) {
      return files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
    }
  }
}

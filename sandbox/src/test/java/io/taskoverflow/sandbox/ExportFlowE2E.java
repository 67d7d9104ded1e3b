package io.taskoverflow.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.taskoverflow.controlplane.ListeningSockets;
import io.taskoverflow.model.job.ExportLabels;
import io.taskoverflow.model.job.GeneratorReport;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README's walkthrough on the whole sandbox: todos in, export, status, calendar out. */
class ExportFlowE2E {

  @RegisterExtension static final CleanSandbox e2e = new CleanSandbox();

  @Test
  void exportGoesFromPendingToSuccessWithOneEventPerTodo() throws Exception {
    int first =
        e2e.api()
            .createTodo("Hand in the report", "Chapters 1-3, with diagrams", "2026-06-01T12:00:00")
            .get("id")
            .asInt();
    int second =
        e2e.api()
            .createTodo("Review pull requests", "Export API", "2026-06-02 14:30:00")
            .get("id")
            .asInt();

    String taskId = e2e.api().startFreshExport();
    List<String> seen = new ArrayList<>();
    e2e.api()
        .awaitTaskStatus(
            taskId,
            Duration.ofSeconds(90),
            seen,
            status -> status.equals("SUCCESS") || status.equals("FAILURE"));

    // The first poll may already find the generator running: the phases seen are in order and never
    // go back. (ExportEventsIT, where the test plays the operator, shows PENDING first.)
    List<String> inOrder = List.of("PENDING", "STARTED", "SUCCESS");
    assertThat(seen).last().isEqualTo("SUCCESS");
    assertThat(seen)
        .isSubsetOf(inOrder)
        .isSortedAccordingTo(Comparator.comparing(inOrder::indexOf));

    ExportApi.Answer result = e2e.api().result(taskId);
    assertThat(result.status()).isEqualTo(200);
    assertThat(result.response().headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/calendar"));
    String installation = installationId();
    List<String> events = events(result.body());
    assertThat(events).hasSize(2);
    assertThat(events.get(0))
        .contains("UID:todo-" + first + "-" + installation + "@taskoverflow.io\r\n")
        .contains("SUMMARY:Hand in the report\r\n")
        .contains("DESCRIPTION:Chapters 1-3\\, with diagrams\r\n")
        .contains("DTSTART:20260601T120000\r\n");
    assertThat(events.get(1))
        .contains("UID:todo-" + second + "-" + installation + "@taskoverflow.io\r\n")
        .contains("SUMMARY:Review pull requests\r\n")
        .contains("DESCRIPTION:Export API\r\n")
        .contains("DTSTART:20260602T143000\r\n");

    Pod pod = generatorPods(taskId).get(0);
    ContainerStatus container = pod.getStatus().getContainerStatuses().get(0);
    // containerd ran the generator image that the build pushed to the sandbox's registry.
    assertThat(container.getContainerID()).startsWith("containerd://");
    assertThat(container.getImageID())
        .startsWith("127.0.0.1:5000/taskoverflow/taskoverflow-generator@sha256:");
    ContainerStateTerminated terminated = container.getState().getTerminated();
    assertThat(terminated.getExitCode()).isZero();
    GeneratorReport report = GeneratorReport.parse(terminated.getMessage());
    assertThat(report.succeeded()).isTrue();
    assertThat(report.events()).isEqualTo(2);
  }

  @Test
  void aNonAsciiCalendarNameReachesTheCalendarThroughTheGeneratorPod() {
    String name = "Café 日本 😀";
    String taskId = e2e.api().startExport("{\"calendar_name\":\"" + name + "\"}");
    await()
        .atMost(Duration.ofSeconds(90))
        .until(() -> e2e.api().taskStatus(taskId).equals("SUCCESS"));

    assertThat(e2e.api().status(taskId).json().get("calendar_name").asText()).isEqualTo(name);
    assertThat(e2e.api().result(taskId).body()).contains("X-WR-CALNAME:" + name + "\r\n");
  }

  @Test
  void everyPortTheSandboxOpensOnTheHostIsBoundToLoopback() throws Exception {
    // The control plane, containerd, the kubelet and kube-proxy; pods listen in their own network
    // namespaces, and reach the host only through node ports on 127.0.0.1.
    List<ProcessHandle> processes = new ArrayList<>();
    ProcessHandle.current().descendants().forEach(processes::add);

    List<String> sockets = new ArrayList<>();
    for (ProcessHandle process : processes) {
      sockets.addAll(ListeningSockets.of(process.pid()));
    }

    assertThat(sockets)
        .as("listening sockets of the sandbox's processes")
        .hasSizeGreaterThanOrEqualTo(8)
        .allMatch(socket -> socket.startsWith("127.0.0.1:") || socket.startsWith("[::1]:"));
  }

  @Test
  void unknownTaskIdAnswers404OnStatusAndResult() {
    ExportApi.Answer status = e2e.api().status("calx-doesnotexist");
    ExportApi.Answer result = e2e.api().result("calx-doesnotexist");

    assertThat(status.status()).isEqualTo(404);
    assertThat(status.json().get("error").asText()).isEqualTo("Task not found");
    assertThat(result.status()).isEqualTo(404);
    assertThat(result.json().get("error").asText()).isEqualTo("Task not found");
  }

  @Test
  void kubectlShowsTheExportItsJobAndItsPod() throws Exception {
    e2e.api().createTodo("Something to export", null, "2026-07-01T09:00:00");
    String taskId = e2e.api().startFreshExport();
    await()
        .atMost(Duration.ofSeconds(90))
        .until(() -> e2e.api().taskStatus(taskId).equals("SUCCESS"));

    // The export succeeds when its pod has exited; the Job controller marks the Job Complete a
    // moment later.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(e2e.kubectl().run("get", "calendarexports,jobs,pods"))
                    .containsPattern(
                        "calendarexport.taskoverflow.io/"
                            + Pattern.quote(taskId)
                            + " +\\w+ +Succeeded +\\d+\\s")
                    .containsPattern("job.batch/" + Pattern.quote(taskId) + " +Complete +1/1 ")
                    .containsPattern(
                        "pod/" + Pattern.quote(taskId) + "-[a-z0-9]{5} +0/1 +Completed "));
  }

  private static List<Pod> generatorPods(String taskId) {
    return e2e.sandbox().client().pods().withLabel(ExportLabels.EXPORT, taskId).list().getItems();
  }

  private static List<String> events(String calendar) {
    Matcher matcher =
        Pattern.compile("BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", Pattern.DOTALL).matcher(calendar);
    List<String> events = new ArrayList<>();
    while (matcher.find()) {
      events.add(matcher.group());
    }
    return events;
  }

  private static String installationId() throws SQLException {
    try (Connection connection = SandboxDatabase.connect(e2e.sandbox());
        ResultSet row = connection.createStatement().executeQuery("SELECT id FROM installation")) {
      row.next();
      return row.getString(1);
    }
  }
}

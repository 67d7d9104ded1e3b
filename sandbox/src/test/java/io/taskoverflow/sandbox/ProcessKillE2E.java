package io.taskoverflow.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.job.ExportLabels;
import io.taskoverflow.sandbox.SandboxDatabase.TodoTableLock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code kill -9} of each process an export depends on, while exports run: the kubelet restarts the
 * containers, the sandbox's supervisor restarts kube-apiserver, and every export ends in SUCCESS
 * exactly once, with one Job and one calendar.
 */
class ProcessKillE2E {

  @RegisterExtension static final CleanSandbox e2e = new CleanSandbox();

  private static final Duration LONG = Duration.ofMinutes(3);

  @BeforeAll
  static void cleanSandbox() {
    e2e.api().createTodo("Survive a kill -9", null, "2026-10-01T09:00:00");
  }

  @Test
  void operatorContainerKilledMidExportIsRestartedAndNothingIsLostOrDuplicated() throws Exception {
    List<String> tasks = new ArrayList<>();
    try (TodoTableLock lock = e2e.database().lockTodos()) {
      for (int i = 0; i < 3; i++) {
        tasks.add(e2e.api().startFreshExport());
      }
      await().atMost(LONG).until(() -> e2e.database().waitingForTheTodosTable() >= 1);
      int restartsBefore = restarts("operator");
      killContainerOf("operator");
      await().atMost(LONG).until(() -> restarts("operator") > restartsBefore);
      lock.release();
    }
    tasks.add(e2e.api().startFreshExport());

    for (String taskId : tasks) {
      await().atMost(LONG).until(() -> e2e.api().taskStatus(taskId).equals("SUCCESS"));
      assertOneJobAndOneCalendar(taskId);
    }
  }

  @Test
  void apiServerContainerKilledIsRestartedAndKeepsServing() throws Exception {
    int restartsBefore = restarts("api-server");

    killContainerOf("api-server");

    await().atMost(LONG).until(() -> restarts("api-server") > restartsBefore);
    await().atMost(LONG).ignoreExceptions().until(() -> e2e.api().health() == 200);
    assertThat(e2e.api().todoTitles()).contains("Survive a kill -9");
    String taskId = e2e.api().startFreshExport();
    await().atMost(LONG).until(() -> e2e.api().taskStatus(taskId).equals("SUCCESS"));
    assertOneJobAndOneCalendar(taskId);
  }

  @Test
  void generatorContainerKilledIsRetriedByItsJobAndStoresOneCalendar() throws Exception {
    String taskId;
    try (TodoTableLock lock = e2e.database().lockTodos()) {
      taskId = e2e.api().startFreshExport();
      await().atMost(LONG).until(() -> e2e.database().waitingForTheTodosTable() >= 1);
      Pod pod = runningPod(ExportLabels.EXPORT, taskId);
      e2e.sandbox()
          .processesOfContainer(pod.getStatus().getContainerStatuses().get(0).getContainerID())
          .forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
      await().atMost(LONG).until(() -> e2e.api().taskStatus(taskId).equals("RETRY"));
    }

    await().atMost(LONG).until(() -> e2e.api().taskStatus(taskId).equals("SUCCESS"));
    assertThat(e2e.api().status(taskId).json().get("attempts").asInt()).isEqualTo(2);
    assertOneJobAndOneCalendar(taskId);
  }

  @Test
  void kubeApiserverKilledIsRestartedAndTheExportsConverge() throws Exception {
    String taskId;
    try (TodoTableLock lock = e2e.database().lockTodos()) {
      taskId = e2e.api().startFreshExport();
      await().atMost(LONG).until(() -> e2e.database().waitingForTheTodosTable() >= 1);
      long before = e2e.sandbox().kubernetes().pidOf("kube-apiserver");

      ProcessHandle.of(before).orElseThrow().destroyForcibly();

      await()
          .atMost(LONG)
          .ignoreExceptions()
          .until(
              () ->
                  e2e.sandbox().kubernetes().pidOf("kube-apiserver") != before
                      && e2e.sandbox().client().namespaces().withName(Sandbox.NAMESPACE).get()
                          != null);
      lock.release();
    }

    await()
        .atMost(LONG)
        .ignoreExceptions()
        .until(() -> e2e.api().taskStatus(taskId).equals("SUCCESS"));
    assertOneJobAndOneCalendar(taskId);
    // The api-server's Kubernetes circuit may still be open for a moment: it answers 503 until
    // then.
    String after =
        await()
            .atMost(LONG)
            .ignoreExceptions()
            .until(() -> e2e.api().startFreshExport(), id -> true);
    await().atMost(LONG).until(() -> e2e.api().taskStatus(after).equals("SUCCESS"));
    assertOneJobAndOneCalendar(after);
  }

  private static void assertOneJobAndOneCalendar(String taskId) throws Exception {
    List<Job> jobs =
        e2e.sandbox()
            .client()
            .batch()
            .v1()
            .jobs()
            .withLabel(ExportLabels.EXPORT, taskId)
            .list()
            .getItems();
    assertThat(jobs).as("Jobs of " + taskId).hasSize(1);
    UUID uid =
        UUID.fromString(
            e2e.sandbox()
                .client()
                .resources(CalendarExport.class)
                .withName(taskId)
                .get()
                .getMetadata()
                .getUid());
    assertThat(e2e.database().storedCalendars(uid)).as("calendars of " + taskId).isEqualTo(1);
  }

  private static void killContainerOf(String component) {
    Pod pod = runningPod("app.kubernetes.io/component", component);
    List<Long> pids =
        e2e.sandbox()
            .processesOfContainer(pod.getStatus().getContainerStatuses().get(0).getContainerID());
    assertThat(pids).as("processes of the " + component + " container").isNotEmpty();
    pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
  }

  private static int restarts(String component) {
    return runningPod("app.kubernetes.io/component", component)
        .getStatus()
        .getContainerStatuses()
        .get(0)
        .getRestartCount();
  }

  private static Pod runningPod(String label, String value) {
    await()
        .atMost(LONG)
        .until(
            () ->
                e2e.sandbox().client().pods().withLabel(label, value).list().getItems().stream()
                    .anyMatch(ProcessKillE2E::isRunning));
    return e2e.sandbox().client().pods().withLabel(label, value).list().getItems().stream()
        .filter(ProcessKillE2E::isRunning)
        .findFirst()
        .orElseThrow();
  }

  private static boolean isRunning(Pod pod) {
    return "Running".equals(pod.getStatus().getPhase())
        && pod.getMetadata().getDeletionTimestamp() == null
        && !pod.getStatus().getContainerStatuses().isEmpty()
        && pod.getStatus().getContainerStatuses().get(0).getContainerID() != null;
  }
}

package io.taskoverflow.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.job.ExportLabels;
import io.taskoverflow.sandbox.SandboxDatabase.TodoTableLock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The faults an operator in production meets, on the whole sandbox. A lock the test holds on the
 * todos table keeps a generator running (waiting in its query) for exactly as long as the test
 * needs, so what happens "while a generator runs" does not depend on timing.
 */
class ExportFaultsE2E {

  @RegisterExtension static final CleanSandbox e2e = new CleanSandbox();

  private static final int TODOS = 3;
  private static final Duration LONG = Duration.ofSeconds(90);

  @BeforeAll
  static void startSandbox() {
    for (int i = 1; i <= TODOS; i++) {
      e2e.api().createTodo("Todo " + i, "number " + i, "2026-07-0" + i + "T09:00:00");
    }
  }

  /**
   * Each test needs its own generator to run, but over unchanged todos with the same options an
   * export takes the previous test's calendar without a Job (issue 11). A statement that changes no
   * row still advances the todos' revision (db-schema V5), so the todos stay as they are.
   */
  @BeforeEach
  void todosChangeSoEachExportRunsAGenerator() throws SQLException {
    try (Connection connection = SandboxDatabase.connect(e2e.sandbox());
        Statement statement = connection.createStatement()) {
      statement.execute("UPDATE todos SET title = title WHERE false");
    }
  }

  @AfterEach
  void everythingRunsAgain() {
    e2e.sandbox().startPostgres();
    e2e.sandbox().startOperator();
  }

  @Test
  void operatorStoppedWhileAGeneratorRunsMakesNoSecondJobAndTheExportSucceedsAfterItsRestart()
      throws Exception {
    String taskId;
    try (TodoTableLock lock = e2e.database().lockTodos()) {
      taskId = e2e.api().startFreshExport();
      awaitGeneratorWaitingForTheLock();
      await().atMost(LONG).until(() -> e2e.api().taskStatus(taskId).equals("STARTED"));

      e2e.sandbox().stopOperator();
      lock.release();
      awaitJobCondition(taskId, "Complete");
    }
    assertThat(e2e.api().taskStatus(taskId))
        .as("no operator ran to notice the Job finishing")
        .isEqualTo("STARTED");
    Job finished = jobs(taskId).get(0);

    e2e.sandbox().startOperator();

    await().atMost(LONG).until(() -> e2e.api().taskStatus(taskId).equals("SUCCESS"));
    assertThat(jobs(taskId))
        .extracting(job -> job.getMetadata().getUid())
        .containsExactly(finished.getMetadata().getUid());
    assertThat(pods(taskId)).hasSize(1);
    assertThat(events(taskId, "JobCreated")).hasSize(1);
    JsonNode status = e2e.api().status(taskId).json();
    assertThat(status.get("events").asInt()).isEqualTo(TODOS);
    assertThat(status.get("attempts").asInt()).isEqualTo(1);
    assertThat(e2e.api().result(taskId).status()).isEqualTo(200);
    assertThat(e2e.database().storedCalendars(uid(taskId))).isEqualTo(1);
  }

  @Test
  void databaseStoppedWhileAGeneratorRunsShowsRetryThenSuccessOnceItIsBack() throws Exception {
    CalendarExport export = CleanSandbox.newExport("database-outage");
    export.getSpec().setBackoffLimit(10);
    List<String> seen = new ArrayList<>();
    try (TodoTableLock lock = e2e.database().lockTodos()) {
      e2e.client().resource(export).create();
      awaitGeneratorWaitingForTheLock();
      awaitTaskStatus("database-outage", seen, "STARTED"::equals);

      e2e.sandbox().stopPostgres(); // ends the generator's session, and the lock's
      awaitTaskStatus("database-outage", seen, "RETRY"::equals);
    }

    e2e.sandbox().startPostgres();

    awaitTaskStatus("database-outage", seen, status -> status.equals("SUCCESS"));
    assertThat(seen).containsSubsequence("STARTED", "RETRY", "SUCCESS").doesNotContain("FAILURE");
    JsonNode status = e2e.api().status("database-outage").json();
    assertThat(status.get("attempts").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(status.get("events").asInt()).isEqualTo(TODOS);
    assertThat(pods("database-outage"))
        .filteredOn(pod -> "Failed".equals(pod.getStatus().getPhase()))
        .isNotEmpty()
        .allSatisfy(pod -> assertThat(exitCode(pod)).as("transient: exit 1").isEqualTo(1));
    assertThat(jobs("database-outage")).hasSize(1);
    assertThat(e2e.database().storedCalendars(uid("database-outage"))).isEqualTo(1);
  }

  @Test
  void exportDeletedWhileItsGeneratorRunsTakesItsJobPodsProcessAndCalendarWithIt()
      throws Exception {
    double failuresBefore = reconciliationFailures();
    String taskId;
    UUID uid;
    long pid;
    try (TodoTableLock lock = e2e.database().lockTodos()) {
      taskId = e2e.api().startFreshExport();
      uid = uid(taskId);
      awaitGeneratorWaitingForTheLock();
      pid = generatorProcess(taskId);

      e2e.client().resources(CalendarExport.class).withName(taskId).delete();
      await().atMost(LONG).until(() -> exportGone(taskId));
      // A generator still alive now would store its calendar as soon as the lock goes.
      lock.release();
    }

    await()
        .atMost(LONG)
        .untilAsserted(
            () -> {
              assertThat(jobs(taskId)).isEmpty();
              assertThat(pods(taskId)).isEmpty();
              assertThat(isAlive(pid)).isFalse();
            });
    assertThat(e2e.database().storedCalendars(uid)).isZero();
    assertThat(e2e.database().storedChunks(uid)).isZero();
    assertThat(e2e.api().status(taskId).status()).isEqualTo(404);
    assertThat(events(taskId, null))
        .filteredOn(event -> "Warning".equals(event.getType()))
        .isEmpty();
    assertThat(reconciliationFailures()).isEqualTo(failuresBefore);
  }

  @Test
  void jobDeletedByHandWhileItsGeneratorRunsIsCreatedAgainAndTheExportSucceedsOnce()
      throws Exception {
    String taskId;
    long firstPid;
    try (TodoTableLock lock = e2e.database().lockTodos()) {
      taskId = e2e.api().startFreshExport();
      awaitGeneratorWaitingForTheLock();
      Job first = jobs(taskId).get(0);
      firstPid = generatorProcess(taskId);

      e2e.client().resource(first).delete();

      await()
          .atMost(LONG)
          .until(
              () ->
                  jobs(taskId).stream()
                      .anyMatch(
                          job -> !job.getMetadata().getUid().equals(first.getMetadata().getUid())));
      await().atMost(LONG).until(() -> !isAlive(firstPid));
    }

    await().atMost(LONG).until(() -> e2e.api().taskStatus(taskId).equals("SUCCESS"));
    assertThat(jobs(taskId)).hasSize(1);
    assertThat(events(taskId, "JobRecreated")).hasSize(1);
    assertThat(e2e.api().status(taskId).json().get("events").asInt()).isEqualTo(TODOS);
    assertThat(e2e.database().storedCalendars(uid(taskId))).isEqualTo(1);
  }

  @Test
  void generatorStillRunningAtItsDeadlineIsStoppedAndTheExportFailsWithDeadlineExceeded()
      throws Exception {
    CalendarExport export = CleanSandbox.newExport("too-slow");
    export.getSpec().setActiveDeadlineSeconds(2L);
    try (TodoTableLock lock = e2e.database().lockTodos()) {
      e2e.client().resource(export).create();

      await().atMost(LONG).until(() -> e2e.api().taskStatus("too-slow").equals("FAILURE"));
    }

    assertThat(e2e.api().status("too-slow").json().get("error").asText())
        .contains("DeadlineExceeded");
    await().atMost(LONG).until(() -> pods("too-slow").isEmpty());
    await().atMost(LONG).until(() -> e2e.sandbox().runningGenerators().isEmpty());
    assertThat(e2e.database().storedCalendars(uid("too-slow"))).isZero();
  }

  @Test
  void finishedExportExpiresWithItsJobPodsAndCalendarAndNothingIsCreatedAgain() throws Exception {
    CalendarExport export = CleanSandbox.newExport("short-lived");
    export.getSpec().setTtlSecondsAfterFinished(1);
    UUID uid = UUID.fromString(e2e.client().resource(export).create().getMetadata().getUid());

    await().atMost(LONG).until(() -> exportGone("short-lived"));

    assertThat(events("short-lived", "Succeeded")).as("it expired after succeeding").hasSize(1);
    await()
        .atMost(LONG)
        .untilAsserted(
            () -> {
              assertThat(jobs("short-lived")).isEmpty();
              assertThat(pods("short-lived")).isEmpty();
            });
    assertThat(e2e.database().storedCalendars(uid)).isZero();
    assertThat(events("short-lived", "JobCreated")).hasSize(1);
    assertThat(e2e.api().status("short-lived").status()).isEqualTo(404);
  }

  // --- fixtures

  private static UUID uid(String name) {
    return UUID.fromString(
        e2e.client().resources(CalendarExport.class).withName(name).get().getMetadata().getUid());
  }

  private static boolean exportGone(String name) {
    return e2e.client().resources(CalendarExport.class).withName(name).get() == null;
  }

  private static List<Job> jobs(String export) {
    return e2e.client()
        .batch()
        .v1()
        .jobs()
        .withLabel(ExportLabels.EXPORT, export)
        .list()
        .getItems();
  }

  private static List<Pod> pods(String export) {
    return e2e.client().pods().withLabel(ExportLabels.EXPORT, export).list().getItems();
  }

  /** Events about the export, of one reason (or all with {@code null}). */
  private static List<Event> events(String export, String reason) {
    return e2e.client().v1().events().list().getItems().stream()
        .filter(event -> export.equals(event.getInvolvedObject().getName()))
        .filter(event -> reason == null || reason.equals(event.getReason()))
        .toList();
  }

  private static void awaitGeneratorWaitingForTheLock() {
    await().atMost(LONG).until(() -> e2e.database().waitingForTheTodosTable() == 1);
  }

  private static void awaitJobCondition(String name, String type) {
    await()
        .atMost(LONG)
        .until(
            () ->
                jobs(name).stream()
                    .filter(job -> job.getStatus() != null)
                    .flatMap(job -> job.getStatus().getConditions().stream())
                    .anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus())));
  }

  /** Waits for a task status, noting each one seen on the way. */
  private static void awaitTaskStatus(String taskId, List<String> seen, Predicate<String> wanted) {
    e2e.api().awaitTaskStatus(taskId, LONG, seen, wanted);
  }

  /** The host process of the export's running generator container. */
  private static long generatorProcess(String taskId) {
    await()
        .atMost(LONG)
        .until(
            () ->
                pods(taskId).stream()
                    .anyMatch(
                        pod ->
                            !pod.getStatus().getContainerStatuses().isEmpty()
                                && pod.getStatus().getContainerStatuses().get(0).getContainerID()
                                    != null));
    String containerId =
        pods(taskId).get(0).getStatus().getContainerStatuses().get(0).getContainerID();
    return e2e.sandbox().processesOfContainer(containerId).get(0);
  }

  private static boolean isAlive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  private static int exitCode(Pod pod) {
    return pod.getStatus().getContainerStatuses().get(0).getState().getTerminated().getExitCode();
  }

  /** JOSDK's count of failed reconciliations, from the operator's /metrics. */
  private static double reconciliationFailures() throws Exception {
    String metrics =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(e2e.sandbox().operatorUrl() + "/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    return metrics
        .lines()
        .filter(line -> line.startsWith("operator_sdk_reconciliations_failed_total"))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }
}

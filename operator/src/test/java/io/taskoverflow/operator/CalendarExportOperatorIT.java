package io.taskoverflow.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.taskoverflow.helm.ChartRbac;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.job.GeneratorEnv;
import io.taskoverflow.model.job.GeneratorReport;
import io.taskoverflow.model.job.ResultLocation;
import io.taskoverflow.model.spec.CalendarComponent;
import io.taskoverflow.model.spec.ExportFilter;
import io.taskoverflow.model.status.CalendarExportStatus;
import io.taskoverflow.model.status.ExportPhase;
import io.taskoverflow.operator.cleanup.JdbcCalendarStore;
import io.taskoverflow.operator.cleanup.OrphanCalendarSweeper;
import io.taskoverflow.schema.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator on a real Kubernetes control plane, under the chart's operator ServiceAccount. The
 * real Job controller, garbage collector and admission run the Jobs; {@link TestKubelet} plays the
 * node. The test's own reads and writes are the cluster administrator's.
 */
class CalendarExportOperatorIT {

  private static final String SHA = "a".repeat(64);
  private static final Duration KUBERNETES_REACTS = TestExports.KUBERNETES_REACTS;

  @RegisterExtension final TestNamespace namespace = new TestNamespace();
  private final TestExports exports = new TestExports(namespace);

  private KubernetesClient admin;
  private TestKubelet kubelet;
  private CalendarExportOperator operator;

  @BeforeEach
  void startOperator() {
    admin = namespace.admin();
    kubelet = namespace.kubelet();
    operator = startOperator(Map.of());
  }

  @AfterEach
  void stopOperator() {
    if (operator != null) {
      operator.stop();
    }
  }

  @Test
  void anExportGetsOneJobControlledByItAndIsPendingUntilAPodRuns() {
    CalendarExport export = exports.create("first");

    Job job = exports.awaitJob("first");
    OwnerReference owner = job.getMetadata().getOwnerReferences().get(0);
    assertThat(job.getMetadata().getOwnerReferences()).hasSize(1);
    assertThat(owner.getUid()).isEqualTo(export.getMetadata().getUid());
    assertThat(owner.getController()).isTrue();
    assertThat(owner.getKind()).isEqualTo("CalendarExport");
    CalendarExportStatus status = exports.awaitPhase("first", ExportPhase.PENDING);
    assertThat(status.getJobName()).isEqualTo("first");
    assertThat(TestExports.succeeded(status).getStatus()).isEqualTo("Unknown");
    assertThat(status.getObservedGeneration()).isEqualTo(export.getMetadata().getGeneration());
    assertThat(admin.batch().v1().jobs().inNamespace(namespace.name()).list().getItems())
        .hasSize(1);
    exports.awaitEvent("first", "JobCreated");
  }

  @Test
  void anExportsOwnSpecIsLeftAsWrittenAndReachesTheGenerator() {
    CalendarExport export =
        exports.create(
            "custom",
            spec -> {
              spec.setCalendarName("Work");
              spec.setComponent(CalendarComponent.VTODO);
              spec.setFilter(new ExportFilter(false, 7));
              return spec;
            });

    Job job = exports.awaitJob("custom");
    exports.awaitPhase("custom", ExportPhase.PENDING);

    // The operator's writes (finalizer, status) are server-side applies of its own fields only.
    CalendarExport after = exports.exports().withName("custom").get();
    assertThat(after.getSpec()).usingRecursiveComparison().isEqualTo(export.getSpec());
    assertThat(after.getMetadata().getFinalizers()).isNotEmpty();
    assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
        .extracting(var -> var.getName() + "=" + var.getValue())
        .contains(
            GeneratorEnv.CALENDAR_NAME + "=Work",
            GeneratorEnv.CALENDAR_COMPONENT + "=VTODO",
            GeneratorEnv.FILTER_COMPLETED + "=false",
            GeneratorEnv.FILTER_WINDOW_DAYS + "=7");
  }

  @Test
  void generatorPodsRunAsTheChartsGeneratorAccountWithoutAToken() {
    exports.create("identity");

    // Admitted by the real ServiceAccount admission, which refuses an account that does not exist.
    Pod pod = kubelet.startNextPod(exports.awaitJob("identity").getMetadata().getName());

    assertThat(pod.getSpec().getServiceAccountName()).isEqualTo(ChartRbac.GENERATOR_ACCOUNT);
    assertThat(pod.getSpec().getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getSpec().getVolumes())
        .extracting(volume -> volume.getName())
        .noneMatch(name -> name.startsWith("kube-api-access"));
  }

  @Test
  void statusGoesFromPendingThroughRunningToSucceededWithTheGeneratorsResult() {
    CalendarExport export = exports.create("happy");
    UUID uid = UUID.fromString(export.getMetadata().getUid());
    exports.awaitJob("happy");
    exports.awaitPhase("happy", ExportPhase.PENDING);

    Pod pod = kubelet.startNextPod("happy");
    CalendarExportStatus running = exports.awaitPhase("happy", ExportPhase.RUNNING);
    assertThat(running.getStartTime()).isNotNull();
    assertThat(running.getAttempts()).isEqualTo(1);

    kubelet.finish(
        pod, 0, GeneratorReport.success(12, 3, 4567, SHA, ResultLocation.of(uid)).toJson());
    CalendarExportStatus done = exports.awaitPhase("happy", ExportPhase.SUCCEEDED);

    assertThat(done.getResult().location()).isEqualTo(ResultLocation.of(uid));
    assertThat(done.getResult().contentType()).isEqualTo(ResultLocation.CONTENT_TYPE);
    assertThat(done.getResult().sizeBytes()).isEqualTo(4567);
    assertThat(done.getResult().sha256()).isEqualTo(SHA);
    assertThat(done.getResult().events()).isEqualTo(12);
    assertThat(done.getResult().skipped()).isEqualTo(3);
    assertThat(done.getCompletionTime()).isNotNull();
    assertThat(TestExports.succeeded(done).getStatus()).isEqualTo("True");
    exports.awaitEvent("happy", "Started");
    exports.awaitEvent("happy", "Succeeded");
    assertThat(List.of("JobCreated", "Started", "Succeeded"))
        .as("each state change announced once")
        .allSatisfy(reason -> assertThat(exports.events("happy", reason)).hasSize(1));
  }

  @Test
  void anExportSucceedsOnItsGeneratorsExitWithoutWaitingForTheJobToComplete() {
    CalendarExport export = exports.create("quick");
    UUID uid = UUID.fromString(export.getMetadata().getUid());
    Pod pod = runningPod("quick");

    try (TestJobController frozen = TestJobController.freeze(namespace.cluster().controlPlane())) {
      kubelet.finish(
          pod, 0, GeneratorReport.success(8, 0, 321, SHA, ResultLocation.of(uid)).toJson());
      CalendarExportStatus done = exports.awaitPhase("quick", ExportPhase.SUCCEEDED);

      // The Job controller has not seen the pod end: the export finished on the pod alone.
      assertThat(hasCondition(exports.job("quick"), "Complete")).isFalse();
      assertThat(done.getResult().events()).isEqualTo(8);
      assertThat(done.getResult().sizeBytes()).isEqualTo(321);
      assertThat(done.getCompletionTime()).isNotNull();
    }
    // The Job completes afterwards as usual, and the export stays as it was.
    await().atMost(KUBERNETES_REACTS).until(() -> hasCondition(exports.job("quick"), "Complete"));
    assertThat(exports.status("quick").getPhase()).isEqualTo(ExportPhase.SUCCEEDED);
    assertThat(exports.events("quick", "Succeeded")).hasSize(1);
  }

  @Test
  void aPermanentErrorIsFinalAtOnceAndNeverShownAsRetrying() {
    exports.create("oversized");
    Pod pod = runningPod("oversized");

    try (TestJobController frozen = TestJobController.freeze(namespace.cluster().controlPlane())) {
      kubelet.finish(pod, 2, GeneratorReport.failure("the calendar exceeds 100 bytes").toJson());
      CalendarExportStatus failed = exports.awaitPhase("oversized", ExportPhase.FAILED);

      assertThat(hasCondition(exports.job("oversized"), "Failed")).isFalse();
      assertThat(failed.getMessage()).isEqualTo("PodFailurePolicy: the calendar exceeds 100 bytes");
    }
    await().atMost(KUBERNETES_REACTS).until(() -> hasCondition(exports.job("oversized"), "Failed"));
    exports.awaitEvent("oversized", "Failed");
    assertThat(exports.events("oversized", "Retrying")).isEmpty();
    assertThat(exports.status("oversized").getMessage())
        .isEqualTo("PodFailurePolicy: the calendar exceeds 100 bytes");
  }

  @Test
  void aPermanentErrorFailsTheJobAtOnceWithTheKubernetesReasonAndTheGeneratorsOwnMessage() {
    exports.create("broken");
    Pod pod = runningPod("broken");

    // Exit code 2 matches the Job's podFailurePolicy FailJob rule: no retry despite backoffLimit.
    kubelet.finish(pod, 2, GeneratorReport.failure("unknown component VJOURNAL").toJson());
    CalendarExportStatus failed = exports.awaitPhase("broken", ExportPhase.FAILED);

    assertThat(failed.getMessage()).isEqualTo("PodFailurePolicy: unknown component VJOURNAL");
    assertThat(TestExports.succeeded(failed).getStatus()).isEqualTo("False");
    assertThat(TestExports.succeeded(failed).getReason()).isEqualTo("PodFailurePolicy");
    assertThat(failed.getResult()).isNull();
    assertThat(failed.getAttempts()).isEqualTo(1);
    exports.awaitEvent("broken", "Failed");
    assertThat(exports.events("broken", "Retrying")).isEmpty();
  }

  @Test
  void aTransientErrorMeansRetryingUntilTheJobsNextPodSucceeds() {
    exports.create("flaky");
    Pod first = runningPod("flaky");

    kubelet.finish(first, 1, GeneratorReport.failure("database unreachable").toJson());
    CalendarExportStatus retrying = exports.awaitPhase("flaky", ExportPhase.RETRYING);
    assertThat(retrying.getMessage()).contains("database unreachable");
    exports.awaitEvent("flaky", "Retrying");

    // The Job controller creates the replacement pod after its back-off.
    Pod second = kubelet.startNextPod("flaky");
    await().atMost(KUBERNETES_REACTS).until(() -> exports.status("flaky").getAttempts() == 2);
    kubelet.finish(
        second,
        0,
        GeneratorReport.success(1, 0, 10, SHA, ResultLocation.of(UUID.randomUUID())).toJson());
    assertThat(exports.awaitPhase("flaky", ExportPhase.SUCCEEDED).getAttempts()).isEqualTo(2);
  }

  @Test
  void aJobThatRunsPastItsDeadlineFailsTheExport() {
    exports.create(
        "slow",
        spec -> {
          spec.setActiveDeadlineSeconds(1L);
          return spec;
        });
    Pod pod = kubelet.startNextPod(exports.awaitJob("slow").getMetadata().getName());

    // The Job controller deletes the overdue pod, and declares the Job failed once it has stopped.
    kubelet.stopDeleted(pod);
    CalendarExportStatus failed = exports.awaitPhase("slow", ExportPhase.FAILED);

    assertThat(TestExports.succeeded(failed).getReason()).isEqualTo("DeadlineExceeded");
    exports.awaitEvent("slow", "Failed");
  }

  @Test
  void cancellingAnExportDeletesItsJob() {
    exports.create("unwanted");
    runningPod("unwanted");

    exports
        .exports()
        .withName("unwanted")
        .edit(
            export -> {
              export.getSpec().setCancelled(true);
              return export;
            });

    CalendarExportStatus cancelled = exports.awaitPhase("unwanted", ExportPhase.CANCELLED);
    assertThat(TestExports.succeeded(cancelled).getStatus()).isEqualTo("False");
    await().atMost(KUBERNETES_REACTS).until(() -> exports.job("unwanted") == null);
    exports.awaitEvent("unwanted", "Cancelled");
  }

  @Test
  void anOperatorRestartedMidRunMakesNoSecondJobAndTheStatusCatchesUp() {
    CalendarExport export = exports.create("restart");
    Job job = exports.awaitJob("restart");
    Pod pod = kubelet.startNextPod("restart");
    exports.awaitPhase("restart", ExportPhase.RUNNING);

    operator.stop();
    kubelet.finish(
        pod,
        0,
        GeneratorReport.success(
                5, 0, 99, SHA, ResultLocation.of(UUID.fromString(export.getMetadata().getUid())))
            .toJson());
    await().atMost(KUBERNETES_REACTS).until(() -> hasCondition(exports.job("restart"), "Complete"));
    operator = startOperator(Map.of());

    CalendarExportStatus done = exports.awaitPhase("restart", ExportPhase.SUCCEEDED);
    assertThat(done.getResult().events()).isEqualTo(5);
    List<Job> jobs = admin.batch().v1().jobs().inNamespace(namespace.name()).list().getItems();
    assertThat(jobs)
        .extracting(j -> j.getMetadata().getUid())
        .containsExactly(job.getMetadata().getUid());
  }

  @Test
  void aJobDeletedByHandBeforeItFinishedIsCreatedAgainWithAWarning() {
    exports.create("vanishing");
    Job first = exports.awaitJob("vanishing");
    kubelet.startNextPod("vanishing");
    exports.awaitPhase("vanishing", ExportPhase.RUNNING);

    admin.resource(first).delete();

    await()
        .atMost(KUBERNETES_REACTS)
        .until(
            () -> {
              Job again = exports.job("vanishing");
              return again != null
                  && !again.getMetadata().getUid().equals(first.getMetadata().getUid());
            });
    exports.awaitEvent("vanishing", "JobRecreated");
  }

  @Test
  void aJobOfTheSameNameThatBelongsToSomethingElseIsReportedAndNotAdopted() {
    Job foreign =
        admin
            .batch()
            .v1()
            .jobs()
            .inNamespace(namespace.name())
            .resource(
                new JobBuilder()
                    .withNewMetadata()
                    .withName("taken")
                    .addToLabels("taskoverflow.io/export", "taken")
                    .endMetadata()
                    .withNewSpec()
                    .withSuspend(true)
                    .withNewTemplate()
                    .withNewSpec()
                    .withRestartPolicy("Never")
                    .addNewContainer()
                    .withName("main")
                    .withImage("example.org/someone-else:1")
                    .endContainer()
                    .endSpec()
                    .endTemplate()
                    .endSpec()
                    .build())
            .create();

    exports.create("taken");

    await()
        .until(
            () -> exports.status("taken").getMessage(),
            message -> message != null && message.contains("does not belong to this export"));
    assertThat(TestExports.succeeded(exports.status("taken")).getReason())
        .isEqualTo("JobNameTaken");
    assertThat(exports.status("taken").getJobName()).isNull();
    exports.awaitEvent("taken", "JobNameTaken");
    Job after = exports.job("taken");
    assertThat(after.getMetadata().getUid()).isEqualTo(foreign.getMetadata().getUid());
    assertThat(after.getMetadata().getOwnerReferences()).isNullOrEmpty();
  }

  @Test
  void aFinishedExportExpiresAndTheCleanerDeletesItsCalendar() throws SQLException {
    CalendarExport export = exports.create("shortlived");
    UUID uid = UUID.fromString(export.getMetadata().getUid());
    storeCalendar(uid, "shortlived");
    Pod pod = kubelet.startNextPod(exports.awaitJob("shortlived").getMetadata().getName());
    kubelet.finish(pod, 0, GeneratorReport.success(1, 0, 10, SHA, ResultLocation.of(uid)).toJson());
    exports.awaitPhase("shortlived", ExportPhase.SUCCEEDED);
    // Expiry is measured from the completion time, so ask for 2 s only now.
    operator.stop();
    operator = startOperator(Map.of("EXPORT_TTL_SECONDS", "2"));

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> exports.exports().withName("shortlived").get() == null);
    assertThat(storedCalendars()).doesNotContain(uid);
    // Its Job goes with it: the garbage collector follows the owner reference.
    await().atMost(KUBERNETES_REACTS).until(() -> exports.job("shortlived") == null);
  }

  @Test
  void anExportThatExpiresOnFinishingShowsItsOutcomeBeforeItGoesAndAnnouncesItOnce()
      throws Exception {
    List<ExportPhase> seen = new CopyOnWriteArrayList<>();
    try (Watch watch = exports.exports().withName("instant").watch(new PhaseRecorder(seen))) {
      CalendarExport export =
          exports.create(
              "instant",
              spec -> {
                spec.setTtlSecondsAfterFinished(0);
                return spec;
              });
      UUID uid = UUID.fromString(export.getMetadata().getUid());
      Pod pod = kubelet.startNextPod(exports.awaitJob("instant").getMetadata().getName());
      kubelet.finish(
          pod, 0, GeneratorReport.success(1, 0, 10, SHA, ResultLocation.of(uid)).toJson());

      await()
          .atMost(KUBERNETES_REACTS)
          .until(() -> exports.exports().withName("instant").get() == null);
    }
    // kubectl get -w shows how it ended; the status is also what keeps a later reconciliation
    // (a pod event racing the deletion) from announcing the same end again.
    assertThat(seen).contains(ExportPhase.SUCCEEDED);
    assertThat(exports.events("instant", "Succeeded")).hasSize(1);
  }

  @Test
  void aDeletedExportWaitsForItsRunningGeneratorToStopBeforeItsCalendarGoes() throws SQLException {
    CalendarExport export = exports.create("deleted-mid-run");
    UUID uid = UUID.fromString(export.getMetadata().getUid());
    Pod pod = runningPod("deleted-mid-run");

    exports.exports().withName("deleted-mid-run").delete();

    // The cleaner deletes the Job at once (Kubernetes would only collect it after the export)...
    await().atMost(KUBERNETES_REACTS).until(() -> exports.job("deleted-mid-run") == null);
    // ...and keeps the export while the generator, told to stop, may still store its calendar.
    storeCalendar(uid, "deleted-mid-run");
    assertThat(exports.exports().withName("deleted-mid-run").get()).isNotNull();

    kubelet.stopDeleted(pod);

    await()
        .atMost(KUBERNETES_REACTS)
        .until(() -> exports.exports().withName("deleted-mid-run").get() == null);
    assertThat(storedCalendars()).doesNotContain(uid);
  }

  @Test
  void theSweepDeletesCalendarsWhoseExportIsGoneAndKeepsTheOthers() throws SQLException {
    // The operator sweeps on its own too; stop it so this sweep's count is deterministic.
    operator.stop();
    operator = null;
    CalendarExport kept = exports.create("kept");
    UUID keptUid = UUID.fromString(kept.getMetadata().getUid());
    UUID orphan = UUID.randomUUID();
    storeCalendar(keptUid, "kept");
    storeCalendar(orphan, "gone-long-ago");

    int deleted =
        new OrphanCalendarSweeper(
                namespace.operatorClient(),
                namespace.name(),
                new JdbcCalendarStore(TestDatabase.dataSource()),
                Duration.ZERO)
            .sweep();

    assertThat(deleted).isEqualTo(1);
    assertThat(storedCalendars()).contains(keptUid).doesNotContain(orphan);
  }

  @Test
  void healthReadinessAndMetricsAreServed() throws Exception {
    exports.create("measured");
    exports.awaitPhase("measured", ExportPhase.PENDING);
    HttpClient http = HttpClient.newHttpClient();
    String base = "http://localhost:" + operator.healthPort();

    assertThat(get(http, base + "/healthz").statusCode()).isEqualTo(200);
    await().until(() -> get(http, base + "/readyz").statusCode() == 200);
    await()
        .untilAsserted(
            () ->
                assertThat(get(http, base + "/metrics").body())
                    .contains("taskoverflow_exports{phase=\"Pending\"} 1.0")
                    .contains("operator_sdk_reconciliations_started_total")
                    .contains("operator_sdk_reconciliations_success_total")
                    .contains("operator_sdk_controllers_execution_reconcile_seconds_count"));
  }

  // --- fixtures

  /** Starts the export's generator pod (its Job's next) and waits until the export is RUNNING. */
  private Pod runningPod(String export) {
    Pod pod = kubelet.startNextPod(exports.awaitJob(export).getMetadata().getName());
    exports.awaitPhase(export, ExportPhase.RUNNING);
    return pod;
  }

  private CalendarExportOperator startOperator(Map<String, String> overrides) {
    return CalendarExportOperator.start(
        namespace.operatorClient(), namespace.operatorConfig(overrides));
  }

  private static boolean hasCondition(Job job, String type) {
    return job.getStatus() != null
        && job.getStatus().getConditions() != null
        && job.getStatus().getConditions().stream()
            .anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void storeCalendar(UUID uid, String name) throws SQLException {
    try (Connection connection = TestDatabase.dataSource().getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement chunk =
              connection.prepareStatement(
                  "INSERT INTO calendar_result_chunks (export_uid, seq, data) VALUES (?, 0, ?)");
          PreparedStatement summary =
              connection.prepareStatement(
                  "INSERT INTO calendar_results (export_uid, export_name, content_type,"
                      + " size_bytes, sha256, events, skipped, created_at)"
                      + " VALUES (?, ?, 'text/calendar', 5, ?, 0, 0, now() - interval '1 hour')")) {
        chunk.setObject(1, uid);
        chunk.setBytes(2, "BEGIN".getBytes());
        chunk.executeUpdate();
        summary.setObject(1, uid);
        summary.setString(2, name);
        summary.setString(3, SHA);
        summary.executeUpdate();
      }
      connection.commit();
    }
  }

  private static List<UUID> storedCalendars() throws SQLException {
    return TestDatabase.column(UUID.class, "SELECT export_uid FROM calendar_results");
  }

  /** The phases a watch on one export sees, in order. */
  private record PhaseRecorder(List<ExportPhase> seen) implements Watcher<CalendarExport> {

    @Override
    public void eventReceived(Action action, CalendarExport export) {
      if (export.getStatus() != null && export.getStatus().getPhase() != null) {
        seen.add(export.getStatus().getPhase());
      }
    }

    @Override
    public void onClose(WatcherException cause) {}
  }
}

package io.taskoverflow.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.job.GeneratorReport;
import io.taskoverflow.model.job.ResultLocation;
import io.taskoverflow.model.spec.CalendarExportSpec;
import io.taskoverflow.model.status.CalendarExportStatus;
import io.taskoverflow.model.status.ExportPhase;
import io.taskoverflow.schema.TestDatabase;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class CalendarExportOperatorIT {

  private static final String NAMESPACE = "test";
  private static final String SHA = "a".repeat(64);

  KubernetesClient client;

  private CalendarExportOperator operator;
  private FakeJobController jobController;

  @BeforeEach
  void startOperator() throws Exception {
    try (InputStream crd =
        CalendarExport.class.getResourceAsStream(
            "/META-INF/fabric8/calendarexports.taskoverflow.io-v1.yml")) {
      client.apiextensions().v1().customResourceDefinitions().load(crd).create();
    }
    jobController = new FakeJobController(client);
    operator = CalendarExportOperator.start(client, config(Map.of()));
  }

  @AfterEach
  void stopOperator() {
    if (operator != null) {
      operator.stop();
    }
  }

  @Test
  void anExportGetsOneJobControlledByItAndIsPendingUntilAPodRuns() {
    CalendarExport export = create("first", spec -> spec);

    Job job = awaitJob("first");
    OwnerReference owner = job.getMetadata().getOwnerReferences().get(0);
    assertThat(job.getMetadata().getOwnerReferences()).hasSize(1);
    assertThat(owner.getUid()).isEqualTo(export.getMetadata().getUid());
    assertThat(owner.getController()).isTrue();
    assertThat(owner.getKind()).isEqualTo("CalendarExport");
    CalendarExportStatus status = awaitPhase("first", ExportPhase.PENDING);
    assertThat(status.getJobName()).isEqualTo("first");
    assertThat(succeeded(status).getStatus()).isEqualTo("Unknown");
    assertThat(status.getObservedGeneration()).isEqualTo(export.getMetadata().getGeneration());
    assertThat(client.batch().v1().jobs().inNamespace(NAMESPACE).list().getItems()).hasSize(1);
    awaitEvent("first", "JobCreated");
  }

  @Test
  void statusGoesFromPendingThroughRunningToSucceededWithTheGeneratorsResult() {
    CalendarExport export = create("happy", spec -> spec);
    UUID uid = UUID.fromString(export.getMetadata().getUid());
    Job job = awaitJob("happy");
    awaitPhase("happy", ExportPhase.PENDING);

    Pod pod = jobController.startPod(job);
    CalendarExportStatus running = awaitPhase("happy", ExportPhase.RUNNING);
    assertThat(running.getStartTime()).isNotNull();
    assertThat(running.getAttempts()).isEqualTo(1);

    jobController.finishPod(
        pod, 0, GeneratorReport.success(12, 3, 4567, SHA, ResultLocation.of(uid)).toJson());
    jobController.complete(job);
    CalendarExportStatus done = awaitPhase("happy", ExportPhase.SUCCEEDED);

    assertThat(done.getResult().getLocation()).isEqualTo(ResultLocation.of(uid));
    assertThat(done.getResult().getContentType()).isEqualTo(ResultLocation.CONTENT_TYPE);
    assertThat(done.getResult().getSizeBytes()).isEqualTo(4567);
    assertThat(done.getResult().getSha256()).isEqualTo(SHA);
    assertThat(done.getResult().getEvents()).isEqualTo(12);
    assertThat(done.getResult().getSkipped()).isEqualTo(3);
    assertThat(done.getCompletionTime()).isNotNull();
    assertThat(succeeded(done).getStatus()).isEqualTo("True");
    awaitEvent("happy", "Started");
    awaitEvent("happy", "Succeeded");
    assertThat(List.of("JobCreated", "Started", "Succeeded"))
        .as("each state change announced once")
        .allSatisfy(reason -> assertThat(events("happy", reason)).hasSize(1));
  }

  @Test
  void aFailedJobReportsTheKubernetesReasonAndTheGeneratorsOwnMessage() {
    create("broken", spec -> spec);
    Job job = awaitJob("broken");
    Pod pod = jobController.startPod(job);
    awaitPhase("broken", ExportPhase.RUNNING);

    jobController.finishPod(pod, 2, GeneratorReport.failure("unknown component VJOURNAL").toJson());
    jobController.fail(job, "PodFailurePolicy", "Container generator failed with exit code 2");
    CalendarExportStatus failed = awaitPhase("broken", ExportPhase.FAILED);

    assertThat(failed.getMessage()).isEqualTo("PodFailurePolicy: unknown component VJOURNAL");
    assertThat(succeeded(failed).getStatus()).isEqualTo("False");
    assertThat(succeeded(failed).getReason()).isEqualTo("PodFailurePolicy");
    assertThat(failed.getResult()).isNull();
    awaitEvent("broken", "Failed");
  }

  @Test
  void aFailedPodWhileTheJobIsStillActiveMeansRetrying() {
    create("flaky", spec -> spec);
    Job job = awaitJob("flaky");
    Pod first = jobController.startPod(job);
    awaitPhase("flaky", ExportPhase.RUNNING);

    jobController.finishPod(first, 1, GeneratorReport.failure("database unreachable").toJson());
    jobController.podFailedJobRetries(job);
    CalendarExportStatus retrying = awaitPhase("flaky", ExportPhase.RETRYING);
    assertThat(retrying.getMessage()).contains("database unreachable");
    awaitEvent("flaky", "Retrying");

    Pod second = jobController.startPod(job);
    await().until(() -> status("flaky").getAttempts() == 2);
    jobController.finishPod(
        second,
        0,
        GeneratorReport.success(1, 0, 10, SHA, ResultLocation.of(UUID.randomUUID())).toJson());
    jobController.complete(job);
    assertThat(awaitPhase("flaky", ExportPhase.SUCCEEDED).getAttempts()).isEqualTo(2);
  }

  @Test
  void cancellingAnExportDeletesItsJob() {
    create("unwanted", spec -> spec);
    Job job = awaitJob("unwanted");
    jobController.startPod(job);
    awaitPhase("unwanted", ExportPhase.RUNNING);

    exports()
        .withName("unwanted")
        .edit(
            export -> {
              export.getSpec().setCancelled(true);
              return export;
            });

    CalendarExportStatus cancelled = awaitPhase("unwanted", ExportPhase.CANCELLED);
    assertThat(succeeded(cancelled).getStatus()).isEqualTo("False");
    await().until(() -> jobController.job(NAMESPACE, "unwanted") == null);
    awaitEvent("unwanted", "Cancelled");
  }

  @Test
  void anOperatorRestartedMidRunMakesNoSecondJobAndTheStatusCatchesUp() {
    CalendarExport export = create("restart", spec -> spec);
    Job job = awaitJob("restart");
    Pod pod = jobController.startPod(job);
    awaitPhase("restart", ExportPhase.RUNNING);

    operator.stop();
    jobController.finishPod(
        pod,
        0,
        GeneratorReport.success(
                5, 0, 99, SHA, ResultLocation.of(UUID.fromString(export.getMetadata().getUid())))
            .toJson());
    jobController.complete(job);
    operator = CalendarExportOperator.start(client, config(Map.of()));

    CalendarExportStatus done = awaitPhase("restart", ExportPhase.SUCCEEDED);
    assertThat(done.getResult().getEvents()).isEqualTo(5);
    List<Job> jobs = client.batch().v1().jobs().inNamespace(NAMESPACE).list().getItems();
    assertThat(jobs)
        .extracting(j -> j.getMetadata().getUid())
        .containsExactly(job.getMetadata().getUid());
  }

  @Test
  void aJobDeletedByHandBeforeItFinishedIsCreatedAgainWithAWarning() {
    create("vanishing", spec -> spec);
    Job first = awaitJob("vanishing");
    jobController.startPod(first);
    awaitPhase("vanishing", ExportPhase.RUNNING);

    client.resource(first).delete();

    await()
        .until(
            () -> {
              Job again = jobController.job(NAMESPACE, "vanishing");
              return again != null
                  && !again.getMetadata().getUid().equals(first.getMetadata().getUid());
            });
    awaitEvent("vanishing", "JobRecreated");
  }

  @Test
  void aJobOfTheSameNameThatBelongsToSomethingElseIsReportedAndNotAdopted() {
    client
        .batch()
        .v1()
        .jobs()
        .inNamespace(NAMESPACE)
        .resource(
            new io.fabric8.kubernetes.api.model.batch.v1.JobBuilder()
                .withNewMetadata()
                .withName("taken")
                .withNamespace(NAMESPACE)
                .addToLabels("taskoverflow.io/export", "taken")
                .addNewOwnerReference()
                .withApiVersion("taskoverflow.io/v1")
                .withKind("CalendarExport")
                .withName("taken")
                .withUid(UUID.randomUUID().toString())
                .withController(true)
                .endOwnerReference()
                .endMetadata()
                .withNewSpec()
                .withNewTemplate()
                .endTemplate()
                .endSpec()
                .build())
        .create();

    create("taken", spec -> spec);

    await()
        .until(
            () -> status("taken").getMessage(),
            message -> message != null && message.contains("does not belong to this export"));
    assertThat(succeeded(status("taken")).getReason()).isEqualTo("JobNameTaken");
    assertThat(status("taken").getJobName()).isNull();
    awaitEvent("taken", "JobNameTaken");
  }

  @Test
  void aFinishedExportExpiresAndTheCleanerDeletesItsCalendar() throws SQLException {
    CalendarExport export = create("shortlived", spec -> spec);
    UUID uid = UUID.fromString(export.getMetadata().getUid());
    storeCalendar(uid, "shortlived");
    Job job = awaitJob("shortlived");
    Pod pod = jobController.startPod(job);
    jobController.finishPod(
        pod, 0, GeneratorReport.success(1, 0, 10, SHA, ResultLocation.of(uid)).toJson());
    jobController.complete(job);
    awaitPhase("shortlived", ExportPhase.SUCCEEDED);
    // Expiry is measured from the completion time, so ask for 2 s only now.
    operator.stop();
    operator = CalendarExportOperator.start(client, config(Map.of("EXPORT_TTL_SECONDS", "2")));

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> exports().withName("shortlived").get() == null);
    assertThat(storedCalendars()).doesNotContain(uid);
  }

  @Test
  void aDeletedExportWaitsForItsRunningGeneratorToStopBeforeItsCalendarGoes() throws SQLException {
    CalendarExport export = create("deleted-mid-run", spec -> spec);
    UUID uid = UUID.fromString(export.getMetadata().getUid());
    Job job = awaitJob("deleted-mid-run");
    Pod pod = jobController.startPod(job);
    awaitPhase("deleted-mid-run", ExportPhase.RUNNING);

    exports().withName("deleted-mid-run").delete();

    // The cleaner deletes the Job at once (Kubernetes would only collect it after the export)...
    await().until(() -> jobController.job(NAMESPACE, "deleted-mid-run") == null);
    // ...and keeps the export while the generator may still store its calendar.
    storeCalendar(uid, "deleted-mid-run");
    assertThat(exports().withName("deleted-mid-run").get()).isNotNull();

    client.resource(pod).delete(); // the garbage collector's part: the mock server has none

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> exports().withName("deleted-mid-run").get() == null);
    assertThat(storedCalendars()).doesNotContain(uid);
  }

  @Test
  void theSweepDeletesCalendarsWhoseExportIsGoneAndKeepsTheOthers() throws SQLException {
    // The operator sweeps on its own too; stop it so this sweep's count is deterministic.
    operator.stop();
    operator = null;
    CalendarExport kept = create("kept", spec -> spec);
    UUID keptUid = UUID.fromString(kept.getMetadata().getUid());
    UUID orphan = UUID.randomUUID();
    storeCalendar(keptUid, "kept");
    storeCalendar(orphan, "gone-long-ago");

    int deleted =
        new io.taskoverflow.operator.cleanup.OrphanCalendarSweeper(
                client,
                NAMESPACE,
                new io.taskoverflow.operator.cleanup.JdbcCalendarStore(TestDatabase.dataSource()),
                Duration.ZERO)
            .sweep();

    assertThat(deleted).isEqualTo(1);
    assertThat(storedCalendars()).contains(keptUid).doesNotContain(orphan);
  }

  @Test
  void healthReadinessAndMetricsAreServed() throws Exception {
    create("measured", spec -> spec);
    awaitPhase("measured", ExportPhase.PENDING);
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

  private OperatorConfig config(Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>();
    env.put("GENERATOR_IMAGE", "taskoverflow/generator:1.2.3");
    env.put("DB_URL", TestDatabase.jdbcUrl());
    env.put("DB_USER", TestDatabase.user());
    env.put("DB_PASSWORD", TestDatabase.password());
    env.put("HEALTH_PORT", "0");
    env.put("WATCH_NAMESPACE", NAMESPACE);
    env.putAll(overrides);
    return OperatorConfig.fromEnv(env);
  }

  private io.fabric8.kubernetes.client.dsl.MixedOperation<
          CalendarExport,
          io.fabric8.kubernetes.api.model.KubernetesResourceList<CalendarExport>,
          io.fabric8.kubernetes.client.dsl.Resource<CalendarExport>>
      exportsAll() {
    return client.resources(CalendarExport.class);
  }

  private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<
          CalendarExport,
          io.fabric8.kubernetes.api.model.KubernetesResourceList<CalendarExport>,
          io.fabric8.kubernetes.client.dsl.Resource<CalendarExport>>
      exports() {
    return exportsAll().inNamespace(NAMESPACE);
  }

  private CalendarExport create(String name, UnaryOperator<CalendarExportSpec> customise) {
    CalendarExport export = new CalendarExport();
    export.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
    export.setSpec(customise.apply(new CalendarExportSpec()));
    return exports().resource(export).create();
  }

  private Job awaitJob(String name) {
    return await().until(() -> jobController.job(NAMESPACE, name), job -> job != null);
  }

  private CalendarExportStatus status(String name) {
    CalendarExport export = exports().withName(name).get();
    return export == null || export.getStatus() == null
        ? new CalendarExportStatus()
        : export.getStatus();
  }

  private CalendarExportStatus awaitPhase(String name, ExportPhase phase) {
    return await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> status(name), status -> status.getPhase() == phase);
  }

  private static io.fabric8.kubernetes.api.model.Condition succeeded(CalendarExportStatus status) {
    return status.getConditions().stream()
        .filter(c -> CalendarExportStatus.SUCCEEDED_CONDITION.equals(c.getType()))
        .findFirst()
        .orElseThrow();
  }

  private void awaitEvent(String exportName, String reason) {
    await()
        .until(
            () ->
                client.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
                    .map(Event.class::cast)
                    .anyMatch(
                        event ->
                            exportName.equals(event.getInvolvedObject().getName())
                                && reason.equals(event.getReason())));
  }

  private List<Event> events(String exportName, String reason) {
    return client.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
        .filter(event -> exportName.equals(event.getInvolvedObject().getName()))
        .filter(event -> reason.equals(event.getReason()))
        .toList();
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
    try (Connection connection = TestDatabase.dataSource().getConnection();
        ResultSet rows =
            connection.createStatement().executeQuery("SELECT export_uid FROM calendar_results")) {
      List<UUID> uids = new java.util.ArrayList<>();
      while (rows.next()) {
        uids.add(rows.getObject(1, UUID.class));
      }
      return uids;
    }
  }
}

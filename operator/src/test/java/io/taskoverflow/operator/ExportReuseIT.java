package io.taskoverflow.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.job.GeneratorEnv;
import io.taskoverflow.model.spec.CalendarComponent;
import io.taskoverflow.model.spec.CalendarExportSpec;
import io.taskoverflow.model.spec.ExportFilter;
import io.taskoverflow.model.status.CalendarExportStatus;
import io.taskoverflow.model.status.ExportPhase;
import io.taskoverflow.schema.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 11: an export over unchanged todos with the same options takes the last calendar without a
 * Job. The generator pods here run the real generator (its own JVM) against the test database, so
 * the reused calendar is compared with what a fresh run really gives.
 */
class ExportReuseIT {

  private static final Duration KUBERNETES_REACTS = Duration.ofSeconds(30);
  private static final int TODOS = 2_000;

  @RegisterExtension final TestNamespace namespace = new TestNamespace();

  private KubernetesClient admin;
  private TestKubelet kubelet;
  private CalendarExportOperator operator;

  @BeforeEach
  void start() throws SQLException {
    TestDatabase.reset();
    insertTodos(TODOS);
    admin = namespace.admin();
    kubelet = namespace.kubelet();
    operator =
        CalendarExportOperator.start(
            namespace.operatorClient(), namespace.operatorConfig(Map.of()));
  }

  @AfterEach
  void stop() {
    if (operator != null) {
      operator.stop();
    }
    // Other ITs expect Jobs for their exports: leave no calendar of the current revision behind.
    TestDatabase.reset();
  }

  @Test
  void theSameOptionsOverUnchangedTodosReuseTheLastCalendarWithoutAJob() throws Exception {
    long freshStart = System.nanoTime();
    create("monday", spec -> spec);
    Map<String, String> mondayEnv = runGenerator("monday");
    CalendarExportStatus monday = awaitPhase("monday", ExportPhase.SUCCEEDED);
    long freshMillis = (System.nanoTime() - freshStart) / 1_000_000;

    long reusedStart = System.nanoTime();
    CalendarExport tuesdayExport = create("tuesday", spec -> spec);
    CalendarExportStatus tuesday = awaitPhase("tuesday", ExportPhase.SUCCEEDED);
    long reusedMillis = (System.nanoTime() - reusedStart) / 1_000_000;

    assertThat(tuesday.getReusedFrom()).isEqualTo("monday");
    assertThat(succeeded(tuesday).getReason()).isEqualTo("Reused");
    assertThat(succeeded(tuesday).getStatus()).isEqualTo("True");
    assertThat(tuesday.getJobName()).isNull();
    assertThat(tuesday.getAttempts()).isZero();
    assertThat(tuesday.getResult().getLocation())
        .isEqualTo("postgresql:calendar_results/" + tuesdayExport.getMetadata().getUid());
    assertThat(tuesday.getResult().getSha256()).isEqualTo(monday.getResult().getSha256());
    assertThat(tuesday.getResult().getSizeBytes()).isEqualTo(monday.getResult().getSizeBytes());
    assertThat(tuesday.getResult().getEvents()).isEqualTo(monday.getResult().getEvents());
    assertThat(monday.getReusedFrom()).isNull();
    assertThat(succeeded(monday).getReason()).isEqualTo("Succeeded");
    awaitEvent("tuesday", "Reused");
    assertThat(events("tuesday", "JobCreated")).isEmpty();
    assertThat(job("tuesday")).isNull();
    assertThat(kubelet.pods("tuesday")).isEmpty();

    // Stored under tuesday's own uid, exactly the bytes its status describes.
    byte[] reused = stored(uid(tuesdayExport));
    assertThat(sha256(reused)).isEqualTo(tuesday.getResult().getSha256());
    assertThat((long) reused.length).isEqualTo(tuesday.getResult().getSizeBytes());

    // A fresh run now, with tuesday's options over the same todos: the same bytes but DTSTAMP.
    Map<String, String> control = new HashMap<>(mondayEnv);
    UUID controlUid = UUID.randomUUID();
    control.put(GeneratorEnv.EXPORT_UID, controlUid.toString());
    control.put(GeneratorEnv.EXPORT_NAME, "control");
    assertThat(TestGenerator.run(control).exitCode()).isZero();
    byte[] fresh = stored(controlUid);
    assertThat(withoutDtstamp(reused)).isEqualTo(withoutDtstamp(fresh));
    assertThat(monday.getResult().getEvents()).isGreaterThan(TODOS / 2);

    System.out.printf(
        "ExportReuseIT: create -> Succeeded over %d todos: fresh (Job, real generator JVM) %d ms,"
            + " reused %d ms%n",
        TODOS, freshMillis, reusedMillis);

    // Deleting the source leaves the copy whole.
    exports().withName("monday").delete();
    await().atMost(KUBERNETES_REACTS).until(() -> exports().withName("monday").get() == null);
    assertThat(stored(uid(tuesdayExport))).isEqualTo(reused);
  }

  @Test
  void anyTodoChangeMakesTheNextExportRunAJob() throws Exception {
    create("first", spec -> spec);
    runGenerator("first");
    awaitPhase("first", ExportPhase.SUCCEEDED);

    List<String> changes =
        List.of(
            "INSERT INTO todos (title, created_at, updated_at) VALUES ('new', now(), now())",
            "UPDATE todos SET completed = NOT completed WHERE id = 1",
            "DELETE FROM todos WHERE id = 2");
    int n = 0;
    for (String change : changes) {
      execute(change);
      String name = "after-change-" + n++;
      create(name, spec -> spec);
      runGenerator(name);
      CalendarExportStatus status = awaitPhase(name, ExportPhase.SUCCEEDED);
      assertThat(status.getReusedFrom()).as(change).isNull();
      assertThat(status.getJobName()).as(change).isEqualTo(name);
    }

    // Without a further change, the newest calendar is the one taken.
    create("unchanged", spec -> spec);
    assertThat(awaitPhase("unchanged", ExportPhase.SUCCEEDED).getReusedFrom())
        .isEqualTo("after-change-2");
  }

  @Test
  void otherOptionsAndWindowedExportsRunAJob() throws Exception {
    create("all", spec -> spec);
    runGenerator("all");
    awaitPhase("all", ExportPhase.SUCCEEDED);
    create(
        "windowed",
        spec -> {
          spec.setFilter(new ExportFilter(null, 36500));
          return spec;
        });
    runGenerator("windowed");
    awaitPhase("windowed", ExportPhase.SUCCEEDED);

    create(
        "renamed",
        spec -> {
          spec.setCalendarName("Work");
          return spec;
        });
    create(
        "todos",
        spec -> {
          spec.setComponent(CalendarComponent.VTODO);
          return spec;
        });
    create(
        "open",
        spec -> {
          spec.setFilter(new ExportFilter(false, null));
          return spec;
        });
    // Same options as "windowed", same todos: a window depends on the time, so it runs again.
    create(
        "windowed-again",
        spec -> {
          spec.setFilter(new ExportFilter(null, 36500));
          return spec;
        });

    for (String name : List.of("renamed", "todos", "open", "windowed-again")) {
      awaitJob(name);
      CalendarExportStatus status = awaitPhase(name, ExportPhase.PENDING);
      assertThat(status.getReusedFrom()).as(name).isNull();
    }
  }

  // --- fixtures

  /** Plays the node for the export's Job: its one pod runs the real generator. */
  private Map<String, String> runGenerator(String name) {
    Job job = awaitJob(name);
    Pod pod = kubelet.startNextPod(job.getMetadata().getName());
    Map<String, String> env = TestGenerator.env(pod);
    TestGenerator.Outcome outcome = TestGenerator.run(env);
    assertThat(outcome.exitCode()).as(outcome.terminationMessage()).isZero();
    kubelet.finish(pod, outcome.exitCode(), outcome.terminationMessage());
    return env;
  }

  private NonNamespaceOperation<
          CalendarExport, KubernetesResourceList<CalendarExport>, Resource<CalendarExport>>
      exports() {
    return admin.resources(CalendarExport.class).inNamespace(namespace.name());
  }

  private CalendarExport create(String name, UnaryOperator<CalendarExportSpec> customise) {
    CalendarExport export = new CalendarExport();
    export.setMetadata(
        new ObjectMetaBuilder().withName(name).withNamespace(namespace.name()).build());
    export.setSpec(customise.apply(new CalendarExportSpec()));
    return exports().resource(export).create();
  }

  private Job job(String name) {
    return admin.batch().v1().jobs().inNamespace(namespace.name()).withName(name).get();
  }

  private Job awaitJob(String name) {
    return await().atMost(KUBERNETES_REACTS).until(() -> job(name), job -> job != null);
  }

  private CalendarExportStatus status(String name) {
    CalendarExport export = exports().withName(name).get();
    return export == null || export.getStatus() == null
        ? new CalendarExportStatus()
        : export.getStatus();
  }

  private CalendarExportStatus awaitPhase(String name, ExportPhase phase) {
    return await()
        .atMost(KUBERNETES_REACTS)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> status(name), status -> status.getPhase() == phase);
  }

  private static Condition succeeded(CalendarExportStatus status) {
    return status.getConditions().stream()
        .filter(c -> CalendarExportStatus.SUCCEEDED_CONDITION.equals(c.getType()))
        .findFirst()
        .orElseThrow();
  }

  private void awaitEvent(String exportName, String reason) {
    await().until(() -> !events(exportName, reason).isEmpty());
  }

  private List<Event> events(String exportName, String reason) {
    return admin.v1().events().inNamespace(namespace.name()).list().getItems().stream()
        .filter(event -> exportName.equals(event.getInvolvedObject().getName()))
        .filter(event -> reason.equals(event.getReason()))
        .toList();
  }

  private static UUID uid(CalendarExport export) {
    return UUID.fromString(export.getMetadata().getUid());
  }

  private static void insertTodos(int count) throws SQLException {
    try (Connection connection = TestDatabase.dataSource().getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO todos (title, description, completed, deadline_at, created_at,"
                    + " updated_at) VALUES (?, ?, ?, ?, now(), now())")) {
      for (int i = 1; i <= count; i++) {
        insert.setString(1, "Todo " + i + " — café, 日本");
        insert.setString(2, i % 3 == 0 ? null : "line one\nline two; with, commas " + i);
        insert.setBoolean(3, i % 4 == 0);
        insert.setObject(4, i % 5 == 0 ? null : LocalDateTime.of(2026, 1, 1, 9, 0).plusHours(i));
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static void execute(String sql) throws SQLException {
    try (Connection connection = TestDatabase.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static byte[] stored(UUID uid) throws SQLException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Connection connection = TestDatabase.dataSource().getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT data FROM calendar_result_chunks WHERE export_uid = ? ORDER BY seq")) {
      query.setObject(1, uid);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          out.writeBytes(rows.getBytes(1));
        }
      }
    }
    assertThat(out.size()).as("calendar of %s", uid).isPositive();
    return out.toByteArray();
  }

  /** The exact octets (one char each) without the DTSTAMP lines. */
  private static String withoutDtstamp(byte[] ics) {
    String octets = new String(ics, StandardCharsets.ISO_8859_1);
    assertThat(octets).contains("\r\nDTSTAMP:");
    return octets.replaceAll("\r\nDTSTAMP:[^\r]*", "");
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}

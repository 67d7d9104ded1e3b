package io.taskoverflow.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.job.GeneratorEnv;
import io.taskoverflow.model.spec.CalendarComponent;
import io.taskoverflow.model.spec.ExportFilter;
import io.taskoverflow.model.status.CalendarExportStatus;
import io.taskoverflow.model.status.ExportPhase;
import io.taskoverflow.schema.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

  private static final Duration KUBERNETES_REACTS = TestExports.KUBERNETES_REACTS;
  private static final int TODOS = 2_000;

  @RegisterExtension final TestNamespace namespace = new TestNamespace();
  private final TestExports exports = new TestExports(namespace);

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
    exports.create("monday", spec -> spec);
    Map<String, String> mondayEnv = runGenerator("monday");
    CalendarExportStatus monday = exports.awaitPhase("monday", ExportPhase.SUCCEEDED);
    long freshMillis = (System.nanoTime() - freshStart) / 1_000_000;

    long reusedStart = System.nanoTime();
    CalendarExport tuesdayExport = exports.create("tuesday", spec -> spec);
    CalendarExportStatus tuesday = exports.awaitPhase("tuesday", ExportPhase.SUCCEEDED);
    long reusedMillis = (System.nanoTime() - reusedStart) / 1_000_000;

    assertThat(tuesday.getReusedFrom()).isEqualTo("monday");
    assertThat(TestExports.succeeded(tuesday).getReason()).isEqualTo("Reused");
    assertThat(TestExports.succeeded(tuesday).getStatus()).isEqualTo("True");
    assertThat(tuesday.getJobName()).isNull();
    assertThat(tuesday.getAttempts()).isZero();
    assertThat(tuesday.getResult().location())
        .isEqualTo("postgresql:calendar_results/" + tuesdayExport.getMetadata().getUid());
    assertThat(tuesday.getResult().sha256()).isEqualTo(monday.getResult().sha256());
    assertThat(tuesday.getResult().sizeBytes()).isEqualTo(monday.getResult().sizeBytes());
    assertThat(tuesday.getResult().events()).isEqualTo(monday.getResult().events());
    assertThat(monday.getReusedFrom()).isNull();
    assertThat(TestExports.succeeded(monday).getReason()).isEqualTo("Succeeded");
    exports.awaitEvent("tuesday", "Reused");
    assertThat(exports.events("tuesday", "JobCreated")).isEmpty();
    assertThat(exports.job("tuesday")).isNull();
    assertThat(kubelet.pods("tuesday")).isEmpty();

    // Stored under tuesday's own uid, exactly the bytes its status describes.
    byte[] reused = stored(uid(tuesdayExport));
    assertThat(sha256(reused)).isEqualTo(tuesday.getResult().sha256());
    assertThat((long) reused.length).isEqualTo(tuesday.getResult().sizeBytes());

    // A fresh run now, with tuesday's options over the same todos: the same bytes but DTSTAMP.
    Map<String, String> control = new HashMap<>(mondayEnv);
    UUID controlUid = UUID.randomUUID();
    control.put(GeneratorEnv.EXPORT_UID, controlUid.toString());
    control.put(GeneratorEnv.EXPORT_NAME, "control");
    assertThat(TestGenerator.run(control).exitCode()).isZero();
    byte[] fresh = stored(controlUid);
    assertThat(withoutDtstamp(reused)).isEqualTo(withoutDtstamp(fresh));
    assertThat(monday.getResult().events()).isGreaterThan(TODOS / 2);

    System.out.printf(
        "ExportReuseIT: create -> Succeeded over %d todos: fresh (Job, real generator JVM) %d ms,"
            + " reused %d ms%n",
        TODOS, freshMillis, reusedMillis);

    // Deleting the source leaves the copy whole.
    exports.exports().withName("monday").delete();
    await()
        .atMost(KUBERNETES_REACTS)
        .until(() -> exports.exports().withName("monday").get() == null);
    assertThat(stored(uid(tuesdayExport))).isEqualTo(reused);
  }

  @Test
  void anyTodoChangeMakesTheNextExportRunAJob() throws Exception {
    exports.create("first", spec -> spec);
    runGenerator("first");
    exports.awaitPhase("first", ExportPhase.SUCCEEDED);

    List<String> changes =
        List.of(
            "INSERT INTO todos (title, created_at, updated_at) VALUES ('new', now(), now())",
            "UPDATE todos SET completed = NOT completed WHERE id = 1",
            "DELETE FROM todos WHERE id = 2");
    int n = 0;
    for (String change : changes) {
      TestDatabase.execute(change);
      String name = "after-change-" + n++;
      exports.create(name, spec -> spec);
      runGenerator(name);
      CalendarExportStatus status = exports.awaitPhase(name, ExportPhase.SUCCEEDED);
      assertThat(status.getReusedFrom()).as(change).isNull();
      assertThat(status.getJobName()).as(change).isEqualTo(name);
    }

    // Without a further change, the newest calendar is the one taken.
    exports.create("unchanged", spec -> spec);
    assertThat(exports.awaitPhase("unchanged", ExportPhase.SUCCEEDED).getReusedFrom())
        .isEqualTo("after-change-2");
  }

  @Test
  void otherOptionsAndWindowedExportsRunAJob() throws Exception {
    exports.create("all", spec -> spec);
    runGenerator("all");
    exports.awaitPhase("all", ExportPhase.SUCCEEDED);
    exports.create(
        "windowed",
        spec -> {
          spec.setFilter(new ExportFilter(null, 36500));
          return spec;
        });
    runGenerator("windowed");
    exports.awaitPhase("windowed", ExportPhase.SUCCEEDED);

    exports.create(
        "renamed",
        spec -> {
          spec.setCalendarName("Work");
          return spec;
        });
    exports.create(
        "todos",
        spec -> {
          spec.setComponent(CalendarComponent.VTODO);
          return spec;
        });
    exports.create(
        "open",
        spec -> {
          spec.setFilter(new ExportFilter(false, null));
          return spec;
        });
    // Same options as "windowed", same todos: a window depends on the time, so it runs again.
    exports.create(
        "windowed-again",
        spec -> {
          spec.setFilter(new ExportFilter(null, 36500));
          return spec;
        });

    for (String name : List.of("renamed", "todos", "open", "windowed-again")) {
      exports.awaitJob(name);
      CalendarExportStatus status = exports.awaitPhase(name, ExportPhase.PENDING);
      assertThat(status.getReusedFrom()).as(name).isNull();
    }
  }

  // --- fixtures

  /** Plays the node for the export's Job: its one pod runs the real generator. */
  private Map<String, String> runGenerator(String name) {
    Job job = exports.awaitJob(name);
    Pod pod = kubelet.startNextPod(job.getMetadata().getName());
    Map<String, String> env = TestGenerator.env(pod);
    TestGenerator.Outcome outcome = TestGenerator.run(env);
    assertThat(outcome.exitCode()).as(outcome.terminationMessage()).isZero();
    kubelet.finish(pod, outcome.exitCode(), outcome.terminationMessage());
    return env;
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

  private static byte[] stored(UUID uid) throws SQLException {
    byte[] calendar = TestDatabase.storedCalendar(uid);
    assertThat(calendar).as("calendar of %s", uid).isNotEmpty();
    return calendar;
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

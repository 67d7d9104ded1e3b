package io.taskoverflow.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.job.ExportLabels;
import io.taskoverflow.model.status.ExportPhase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Exports that go wrong, or are called off, on the whole sandbox. */
class ExportFailureE2E {

  private static Sandbox sandbox;
  private static ExportApi api;
  private static SandboxDatabase database;

  @BeforeAll
  static void startSandbox() {
    sandbox = SharedSandbox.clean();
    api = new ExportApi(sandbox);
    database = new SandboxDatabase(sandbox);
    api.createTodo("Something to export", null, "2026-07-01T09:00:00");
  }

  @AfterEach
  void databaseComesBack() {
    sandbox.startPostgres();
  }

  @Test
  void permanentGeneratorFailureEndsAsFailureWithItsReason() throws Exception {
    // A missing table is permanent trouble: the generator exits 2 and podFailurePolicy fails the
    // Job.
    try (SandboxDatabase.RenamedTable away = database.renameTodosTable()) {
      client().resource(export("no-table")).create();

      await()
          .atMost(Duration.ofSeconds(90))
          .until(() -> api.taskStatus("no-table").equals("FAILURE"));
    }

    JsonNode status = api.status("no-table").json();
    assertThat(status.get("error").asText()).contains("42P01");
    CalendarExport stored = client().resources(CalendarExport.class).withName("no-table").get();
    assertThat(stored.getStatus().getPhase()).isEqualTo(ExportPhase.FAILED);
    assertThat(stored.getStatus().getMessage()).contains("42P01");
    assertThat(client().pods().withLabel(ExportLabels.EXPORT, "no-table").list().getItems())
        .as("exit code 2 fails the Job at once: no retry")
        .hasSize(1);
  }

  @Test
  void transientGeneratorFailureIsRetriedUntilTheBackoffLimit() {
    sandbox.stopPostgres();
    CalendarExport export = export("database-down");
    export.getSpec().setBackoffLimit(1);
    client().resource(export).create();

    List<String> seen = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              String status = api.taskStatus("database-down");
              if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(status)) {
                seen.add(status);
              }
              return status.equals("FAILURE");
            });

    assertThat(seen).contains("RETRY").endsWith("FAILURE");
    assertThat(client().pods().withLabel(ExportLabels.EXPORT, "database-down").list().getItems())
        .as("the first attempt and one retry")
        .hasSize(2);
    assertThat(
            client()
                .resources(CalendarExport.class)
                .withName("database-down")
                .get()
                .getStatus()
                .getPhase())
        .isEqualTo(ExportPhase.FAILED);
  }

  @Test
  void cancelledExportEndsRevokedAndItsJobAndPodsAreGone() {
    sandbox.stopPostgres(); // keeps the export retrying, so it is still running when cancelled
    String taskId = api.startFreshExport();
    await().atMost(Duration.ofSeconds(90)).until(() -> api.taskStatus(taskId).equals("RETRY"));

    assertThat(api.cancel(taskId).status()).isBetween(200, 299);

    await().atMost(Duration.ofSeconds(60)).until(() -> api.taskStatus(taskId).equals("REVOKED"));
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              assertThat(
                      client()
                          .batch()
                          .v1()
                          .jobs()
                          .withLabel(ExportLabels.EXPORT, taskId)
                          .list()
                          .getItems())
                  .isEmpty();
              assertThat(client().pods().withLabel(ExportLabels.EXPORT, taskId).list().getItems())
                  .isEmpty();
            });
    await().atMost(Duration.ofSeconds(60)).until(() -> sandbox.runningGenerators().isEmpty());
  }

  private static KubernetesClient client() {
    return sandbox.client();
  }

  private static CalendarExport export(String name) {
    CalendarExport export = new CalendarExport();
    export.getMetadata().setName(name);
    export.getMetadata().setNamespace(Sandbox.NAMESPACE);
    return export;
  }
}

package io.taskoverflow.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.job.ExportLabels;
import io.taskoverflow.model.status.ExportPhase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Exports that go wrong, or are called off, on the whole sandbox. */
class ExportFailureE2E {

  @RegisterExtension static final CleanSandbox e2e = new CleanSandbox();

  @BeforeAll
  static void startSandbox() {
    e2e.api().createTodo("Something to export", null, "2026-07-01T09:00:00");
  }

  @AfterEach
  void databaseComesBack() {
    e2e.sandbox().startPostgres();
  }

  @Test
  void permanentGeneratorFailureEndsAsFailureWithItsReason() throws Exception {
    // A missing table is permanent trouble: the generator exits 2 and podFailurePolicy fails the
    // Job.
    try (SandboxDatabase.RenamedTable away = e2e.database().renameTodosTable()) {
      e2e.client().resource(CleanSandbox.newExport("no-table")).create();

      await()
          .atMost(Duration.ofSeconds(90))
          .until(() -> e2e.api().taskStatus("no-table").equals("FAILURE"));
    }

    JsonNode status = e2e.api().status("no-table").json();
    assertThat(status.get("error").asText()).contains("42P01");
    CalendarExport stored = e2e.client().resources(CalendarExport.class).withName("no-table").get();
    assertThat(stored.getStatus().getPhase()).isEqualTo(ExportPhase.FAILED);
    assertThat(stored.getStatus().getMessage()).contains("42P01");
    assertThat(e2e.client().pods().withLabel(ExportLabels.EXPORT, "no-table").list().getItems())
        .as("exit code 2 fails the Job at once: no retry")
        .hasSize(1);
  }

  @Test
  void transientGeneratorFailureIsRetriedUntilTheBackoffLimit() {
    e2e.sandbox().stopPostgres();
    CalendarExport export = CleanSandbox.newExport("database-down");
    export.getSpec().setBackoffLimit(1);
    e2e.client().resource(export).create();

    List<String> seen = new ArrayList<>();
    e2e.api()
        .awaitTaskStatus(
            "database-down", Duration.ofSeconds(90), seen, status -> status.equals("FAILURE"));

    assertThat(seen).contains("RETRY").endsWith("FAILURE");
    assertThat(
            e2e.client().pods().withLabel(ExportLabels.EXPORT, "database-down").list().getItems())
        .as("the first attempt and one retry")
        .hasSize(2);
    assertThat(
            e2e.client()
                .resources(CalendarExport.class)
                .withName("database-down")
                .get()
                .getStatus()
                .getPhase())
        .isEqualTo(ExportPhase.FAILED);
  }

  @Test
  void cancelledExportEndsRevokedAndItsJobAndPodsAreGone() {
    // Keeps the export retrying, so it is still running when cancelled.
    e2e.sandbox().stopPostgres();
    String taskId = e2e.api().startFreshExport();
    await()
        .atMost(Duration.ofSeconds(90))
        .until(() -> e2e.api().taskStatus(taskId).equals("RETRY"));

    assertThat(e2e.api().cancel(taskId).status()).isBetween(200, 299);

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> e2e.api().taskStatus(taskId).equals("REVOKED"));
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              assertThat(
                      e2e.client()
                          .batch()
                          .v1()
                          .jobs()
                          .withLabel(ExportLabels.EXPORT, taskId)
                          .list()
                          .getItems())
                  .isEmpty();
              assertThat(
                      e2e.client().pods().withLabel(ExportLabels.EXPORT, taskId).list().getItems())
                  .isEmpty();
            });
    await().atMost(Duration.ofSeconds(60)).until(() -> e2e.sandbox().runningGenerators().isEmpty());
  }
}

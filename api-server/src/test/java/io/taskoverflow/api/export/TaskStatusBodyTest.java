package io.taskoverflow.api.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.taskoverflow.calendars.ExportProgress;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.spec.CalendarExportSpec;
import io.taskoverflow.model.status.CalendarExportStatus;
import io.taskoverflow.model.status.ExportPhase;
import io.taskoverflow.model.status.ExportResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskStatusBodyTest {

  private static final ExportUrls URLS = new ExportUrls("http://localhost:6400");

  @Test
  void aReusedExportSaysWhichExportsCalendarItTook() {
    CalendarExport export = export("tuesday");
    CalendarExportStatus status = new CalendarExportStatus();
    status.setPhase(ExportPhase.SUCCEEDED);
    status.setReusedFrom("monday");
    status.setResult(
        new ExportResult(
            "postgresql:calendar_results/u", "text/calendar", 120L, "f".repeat(64), 3, 1));
    export.setStatus(status);

    Map<String, Object> body = TaskStatusBody.of(export, URLS);

    assertThat(body)
        .containsEntry("task_status", "SUCCESS")
        .containsEntry("reused_from", "monday")
        .containsEntry("events", 3)
        .containsEntry("size_bytes", 120L);
    assertThat(body.get("result_url")).asString().endsWith("/tuesday/result");
  }

  @Test
  void anExportThatRanItsOwnJobHasNoReusedFrom() {
    CalendarExport export = export("monday");
    CalendarExportStatus status = new CalendarExportStatus();
    status.setPhase(ExportPhase.SUCCEEDED);
    export.setStatus(status);

    Map<String, Object> body = TaskStatusBody.of(export, URLS);

    assertThat(body).containsKey("reused_from");
    assertThat(body.get("reused_from")).isNull();
    assertThat(TaskStatusBody.of(export("new"), URLS).get("reused_from")).isNull();
  }

  @Test
  void onlyAStartedExportShowsTheGeneratorsProgress() {
    ExportProgress progress = new ExportProgress(40, 100L);
    CalendarExport export = export("running");
    CalendarExportStatus status = new CalendarExportStatus();
    status.setPhase(ExportPhase.RUNNING);
    export.setStatus(status);

    assertThat(TaskStatusBody.of(export, URLS, progress).get("progress"))
        .isEqualTo(Map.of("written", 40L, "total", 100L));
    assertThat(TaskStatusBody.of(export, URLS, null)).containsEntry("progress", null);

    status.setPhase(ExportPhase.SUCCEEDED);
    assertThat(TaskStatusBody.of(export, URLS, progress)).containsEntry("progress", null);
  }

  private static CalendarExport export(String name) {
    CalendarExport export = new CalendarExport();
    export.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withCreationTimestamp("2026-03-01T12:00:00Z")
            .build());
    export.setSpec(new CalendarExportSpec());
    return export;
  }
}

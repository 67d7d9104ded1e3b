package io.taskoverflow.api.export;

import io.taskoverflow.calendars.ExportProgress;
import io.taskoverflow.model.CalendarExport;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The status JSON of exports ({@link TaskStatusBody}) with their progress, which is read only for
 * the STARTED ones: one query whatever their number.
 */
public final class TaskStatuses {

  private final ExportProgressReports progress;

  public TaskStatuses(ExportProgressReports progress) {
    this.progress = progress;
  }

  public Map<String, Object> of(CalendarExport export, ExportUrls urls) {
    return of(List.of(export), urls).get(0);
  }

  public List<Map<String, Object>> of(List<CalendarExport> exports, ExportUrls urls) {
    Map<UUID, ExportProgress> reported =
        progress.find(
            exports.stream()
                .filter(export -> TaskStatus.of(export) == TaskStatus.STARTED)
                .map(TaskStatuses::uid)
                .toList());
    return exports.stream()
        .map(
            export ->
                TaskStatusBody.of(
                    export,
                    urls,
                    TaskStatus.of(export) == TaskStatus.STARTED ? reported.get(uid(export)) : null))
        .toList();
  }

  private static UUID uid(CalendarExport export) {
    return UUID.fromString(export.getMetadata().getUid());
  }
}

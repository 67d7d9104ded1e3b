package io.taskoverflow.api.export;

import io.taskoverflow.calendars.ExportProgress;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.spec.CalendarExportSpec;
import io.taskoverflow.model.status.CalendarExportStatus;
import io.taskoverflow.model.status.ExportResult;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON of one export for the status and list endpoints: the reference API's {@code task_id},
 * {@code task_status} and {@code result_url} first, then what the resource's status adds. Times are
 * RFC 3339 in UTC, as Kubernetes writes them.
 */
public final class TaskStatusBody {

  private TaskStatusBody() {}

  public static Map<String, Object> of(CalendarExport export, ExportUrls urls) {
    return of(export, urls, null);
  }

  /** With the generator's progress, which only a STARTED export shows. */
  public static Map<String, Object> of(
      CalendarExport export, ExportUrls urls, ExportProgress progress) {
    String id = export.getMetadata().getName();
    TaskStatus taskStatus = TaskStatus.of(export);
    CalendarExportSpec spec = export.getSpec();
    CalendarExportStatus status =
        export.getStatus() == null ? new CalendarExportStatus() : export.getStatus();
    ExportResult result = status.getResult();

    Map<String, Object> body = new LinkedHashMap<>();
    body.put("task_id", id);
    body.put("task_status", taskStatus.name());
    body.put("result_url", taskStatus == TaskStatus.SUCCESS ? urls.result(id) : null);
    body.put("status_url", urls.status(id));
    body.put("created_at", export.getMetadata().getCreationTimestamp());
    body.put("started_at", status.getStartTime());
    body.put("finished_at", status.getCompletionTime());
    body.put("calendar_name", spec == null ? null : spec.getCalendarName());
    body.put(
        "component",
        spec == null || spec.getComponent() == null ? null : spec.getComponent().name());
    body.put(
        "completed",
        spec == null || spec.getFilter() == null ? null : spec.getFilter().completed());
    body.put(
        "window", spec == null || spec.getFilter() == null ? null : spec.getFilter().windowDays());
    body.put("cancel_requested", spec != null && spec.isCancelled());
    body.put("attempts", status.getAttempts());
    body.put("events", result == null ? null : result.events());
    body.put("skipped", result == null ? null : result.skipped());
    body.put("size_bytes", result == null ? null : result.sizeBytes());
    // The export whose calendar was taken instead of running a Job (same options, unchanged todos).
    body.put("reused_from", status.getReusedFrom());
    body.put("message", status.getMessage());
    body.put("error", taskStatus == TaskStatus.FAILURE ? failure(status) : null);
    body.put(
        "progress", taskStatus == TaskStatus.STARTED && progress != null ? json(progress) : null);
    return body;
  }

  private static Map<String, Object> json(ExportProgress progress) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("written", progress.written());
    json.put("total", progress.total());
    return json;
  }

  static String failure(CalendarExportStatus status) {
    return status.getMessage() == null || status.getMessage().isBlank()
        ? "The export failed"
        : status.getMessage();
  }
}

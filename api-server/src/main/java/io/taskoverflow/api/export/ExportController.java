package io.taskoverflow.api.export;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.Header;
import io.javalin.http.HttpStatus;
import io.taskoverflow.api.web.ApiError;
import io.taskoverflow.api.web.BaseUrl;
import io.taskoverflow.api.web.JsonBodies;
import io.taskoverflow.calendars.StoredCalendar;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.job.ResultLocation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** HTTP for the export API (docs/api.md). */
public record ExportController(
    CalendarExports exports,
    CalendarResults results,
    TaskStatuses statuses,
    ExportRequestValidator validator,
    JsonBodies bodies,
    BaseUrl baseUrl) {

  private static final String NOT_FOUND = "Task not found";

  public void create(Context ctx) {
    ExportRequest request = validator.parse(bodies.optionalObject(ctx));
    CalendarExport export = exports.create(request);
    String taskId = export.getMetadata().getName();
    String taskUrl = urls(ctx).status(taskId);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("task_id", taskId);
    body.put("task_url", taskUrl);
    ctx.status(HttpStatus.ACCEPTED).header(Header.LOCATION, taskUrl).json(body);
  }

  public void list(Context ctx) {
    ctx.json(statuses.of(exports.list(), urls(ctx)));
  }

  public void status(Context ctx) {
    ctx.json(statuses.of(find(ctx), urls(ctx)));
  }

  public void cancel(Context ctx) {
    CalendarExport export =
        exports.cancel(taskId(ctx)).orElseThrow(() -> ApiError.notFound(NOT_FOUND));
    ctx.json(statuses.of(export, urls(ctx)));
  }

  public void result(Context ctx) {
    CalendarExport export = find(ctx);
    switch (TaskStatus.of(export)) {
      case SUCCESS -> download(ctx, export);
      case FAILURE ->
          throw ApiError.notFound("Task failed: " + TaskStatusBody.failure(export.getStatus()));
      case REVOKED -> throw ApiError.notFound("Task was cancelled");
      default -> throw ApiError.notFound("Task not finished");
    }
  }

  private void download(Context ctx, CalendarExport export) {
    String taskId = export.getMetadata().getName();
    UUID uid = resultUid(export);
    StoredCalendar calendar =
        results
            .find(uid)
            .orElseThrow(() -> ApiError.notFound("Task result is no longer available"));
    String etag = "\"" + calendar.sha256() + "\"";
    ctx.header(Header.ETAG, etag);
    ctx.header(Header.CACHE_CONTROL, "no-cache");
    if (EntityTags.matches(ctx.header(Header.IF_NONE_MATCH), calendar.sha256())) {
      ctx.status(HttpStatus.NOT_MODIFIED);
      return;
    }
    ctx.contentType(ResultLocation.CONTENT_TYPE);
    ctx.header(Header.CONTENT_DISPOSITION, "attachment; filename=\"" + taskId + ".ics\"");
    if (ctx.method() != HandlerType.HEAD) {
      results.copyTo(uid, ctx.outputStream());
    }
  }

  private static UUID resultUid(CalendarExport export) {
    var result = export.getStatus().getResult();
    String location = result == null ? null : result.location();
    if (location != null) {
      try {
        return ResultLocation.exportUid(location);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(
            "export " + export.getMetadata().getName() + " names an unknown result location", e);
      }
    }
    // The generator stores the calendar under the export's uid: the location is derivable.
    return UUID.fromString(export.getMetadata().getUid());
  }

  private CalendarExport find(Context ctx) {
    return exports.find(taskId(ctx)).orElseThrow(() -> ApiError.notFound(NOT_FOUND));
  }

  private static String taskId(Context ctx) {
    return ctx.pathParam("task_id");
  }

  private ExportUrls urls(Context ctx) {
    return new ExportUrls(baseUrl.of(ctx));
  }
}

package io.taskoverflow.api.export;

/** Absolute URLs of an export's endpoints, from the base URL the client used. */
public record ExportUrls(String baseUrl) {

  public static final String PREFIX = "/api/v1/todos/ical/";

  public String status(String taskId) {
    return baseUrl + PREFIX + taskId + "/status";
  }

  public String result(String taskId) {
    return baseUrl + PREFIX + taskId + "/result";
  }
}

package io.taskoverflow.api.todo;

import io.taskoverflow.api.web.ApiError;

/**
 * Which todos {@code GET /todos} lists.
 *
 * @param completed only todos with this flag; all when null
 * @param windowDays only todos due at most this many days from now, overdue included; no window
 *     when null
 */
public record TodoFilter(Boolean completed, Long windowDays) {

  public static final TodoFilter ALL = new TodoFilter(null, null);

  /** Reads the query parameters; 400 for anything but true/false and a non-negative integer. */
  public static TodoFilter fromQuery(String completed, String window) {
    return new TodoFilter(parseCompleted(completed), parseWindow(window));
  }

  private static Boolean parseCompleted(String value) {
    if (value == null) {
      return null;
    }
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(value);
    }
    throw ApiError.badRequest("completed must be true or false, got '" + value + "'");
  }

  private static Long parseWindow(String value) {
    if (value == null) {
      return null;
    }
    if (!value.matches("\\d+")) {
      throw ApiError.badRequest(
          "window must be a non-negative whole number of days, got '" + value + "'");
    }
    // Any window beyond every storable date means the same thing: all todos with a deadline.
    return value.length() > 18 ? Long.MAX_VALUE : Long.parseLong(value);
  }
}

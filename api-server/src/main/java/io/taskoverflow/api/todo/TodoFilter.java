package io.taskoverflow.api.todo;

import io.taskoverflow.api.export.ExportRequestValidator;
import io.taskoverflow.api.web.ApiError;
import java.util.List;
import java.util.Map;

/**
 * Which todos {@code GET /todos} lists.
 *
 * @param completed only todos with this flag; all when null
 * @param windowDays only todos due at most this many days from now, overdue included; no window
 *     when null
 */
public record TodoFilter(Boolean completed, Long windowDays) {

  public static final TodoFilter ALL = new TodoFilter(null, null);

  /**
   * Reads the query string: 400 for a parameter given more than once (as feed.ics does), for a
   * {@code completed} other than true/false, or a {@code window} other than 0 to {@value
   * ExportRequestValidator#WINDOW_MAX_DAYS} days (the export's and the feed's bound). Other
   * parameters are ignored, as the reference API does.
   */
  public static TodoFilter fromQuery(Map<String, List<String>> query) {
    return fromQuery(single(query, "completed"), single(query, "window"));
  }

  private static String single(Map<String, List<String>> query, String name) {
    List<String> values = query.get(name);
    if (values == null || values.isEmpty()) {
      return null;
    }
    if (values.size() != 1) {
      throw ApiError.badRequest("Query parameter " + name + " is given more than once");
    }
    return values.get(0);
  }

  /** One value each; 400 for anything but true/false and a whole number from 0 to 36500. */
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
    // The same rule and words as the export body and feed.ics (FeedQuery).
    if (!value.matches("\\d{1,9}")
        || Integer.parseInt(value) > ExportRequestValidator.WINDOW_MAX_DAYS) {
      throw ExportRequestValidator.invalidWindow(value);
    }
    return Long.parseLong(value);
  }
}

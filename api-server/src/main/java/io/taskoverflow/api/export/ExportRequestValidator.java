package io.taskoverflow.api.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.taskoverflow.api.web.ApiError;
import io.taskoverflow.api.web.JsonFields;
import io.taskoverflow.model.spec.CalendarComponent;
import java.util.List;
import java.util.Locale;

/** Reads the optional export body: calendar_name, completed, window, component. */
public class ExportRequestValidator {

  public static final List<String> FIELDS =
      List.of("calendar_name", "completed", "window", "component");

  // The CRD's bounds, checked here so the client gets a 400 instead of a Kubernetes error.
  static final int CALENDAR_NAME_MAX = 255;
  public static final int WINDOW_MAX_DAYS = 36500;

  /** The 400 for a window query parameter (the list's, feed.ics') outside 0 to the bound. */
  public static ApiError invalidWindow(String value) {
    return ApiError.badRequest(
        "window must be a whole number of days from 0 to "
            + WINDOW_MAX_DAYS
            + ", got '"
            + value
            + "'");
  }

  public ExportRequest parse(ObjectNode body) {
    JsonFields fields = new JsonFields(body, FIELDS);
    String calendarName = fields.string("calendar_name", true, true, CALENDAR_NAME_MAX);
    Boolean completed = fields.bool("completed", true);
    Integer window = fields.integer("window", true, 0, WINDOW_MAX_DAYS);
    CalendarComponent component = component(fields.string("component", true, true, 16), fields);
    fields.throwIfInvalid();
    return new ExportRequest(calendarName, completed, window, component);
  }

  private static CalendarComponent component(String value, JsonFields fields) {
    if (value == null) {
      return null;
    }
    try {
      return CalendarComponent.valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      fields.problem("component must be VEVENT or VTODO, got '" + value + "'");
      return null;
    }
  }
}

package io.taskoverflow.api.export;

import io.taskoverflow.model.spec.CalendarComponent;
import io.taskoverflow.model.spec.CalendarExportSpec;
import io.taskoverflow.model.spec.ExportFilter;

/** A validated {@code POST /todos/ical} body; absent fields are null and take the defaults. */
public record ExportRequest(
    String calendarName, Boolean completed, Integer windowDays, CalendarComponent component) {

  public CalendarExportSpec toSpec() {
    CalendarExportSpec spec = new CalendarExportSpec();
    if (calendarName != null) {
      spec.setCalendarName(calendarName);
    }
    if (completed != null || windowDays != null) {
      spec.setFilter(new ExportFilter(completed, windowDays));
    }
    if (component != null) {
      spec.setComponent(component);
    }
    return spec;
  }
}

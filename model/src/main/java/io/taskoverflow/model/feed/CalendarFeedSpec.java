package io.taskoverflow.model.feed;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.taskoverflow.model.spec.CalendarComponent;
import io.taskoverflow.model.spec.CalendarExportSpec;
import io.taskoverflow.model.spec.ExportFilter;
import java.util.Objects;

/** The options of every calendar the feed serves: those of a CalendarExport, minus the limits. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self == oldSelf", message = "a feed's options are immutable")
public class CalendarFeedSpec {

  @JsonPropertyDescription("Calendar name shown by calendar applications (X-WR-CALNAME).")
  @Default(CalendarExportSpec.DEFAULT_CALENDAR_NAME)
  @Size(min = 1, max = 255)
  private String calendarName = CalendarExportSpec.DEFAULT_CALENDAR_NAME;

  @JsonPropertyDescription("Which todos the calendar shows; all of them when absent.")
  private ExportFilter filter;

  @JsonPropertyDescription("The component each todo becomes: VEVENT (default) or VTODO.")
  @Default("VEVENT")
  private CalendarComponent component = CalendarComponent.VEVENT;

  public CalendarFeedSpec() {}

  /** The options of an export, as a feed of them. */
  public static CalendarFeedSpec of(CalendarExportSpec export) {
    CalendarFeedSpec spec = new CalendarFeedSpec();
    spec.calendarName = export.getCalendarName();
    spec.filter = export.getFilter();
    spec.component = export.getComponent();
    return spec;
  }

  /** An export with the feed's options. */
  public CalendarExportSpec toExportSpec() {
    CalendarExportSpec export = new CalendarExportSpec();
    export.setCalendarName(calendarName);
    export.setFilter(filter);
    export.setComponent(component);
    return export;
  }

  public String getCalendarName() {
    return calendarName;
  }

  public void setCalendarName(String calendarName) {
    this.calendarName = calendarName;
  }

  public ExportFilter getFilter() {
    return filter;
  }

  public void setFilter(ExportFilter filter) {
    this.filter = filter;
  }

  public CalendarComponent getComponent() {
    return component;
  }

  public void setComponent(CalendarComponent component) {
    this.component = component;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CalendarFeedSpec other
        && Objects.equals(calendarName, other.calendarName)
        && Objects.equals(filter, other.filter)
        && component == other.component;
  }

  @Override
  public int hashCode() {
    return Objects.hash(calendarName, filter, component);
  }
}

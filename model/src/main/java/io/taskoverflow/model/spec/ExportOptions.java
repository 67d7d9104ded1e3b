package io.taskoverflow.model.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;
import java.util.Objects;

/**
 * What the calendar looks like: the spec fields a CalendarExport and a CalendarFeed share. A feed
 * is a set of these options kept current; an export adds its limits and cancellation.
 */
public abstract class ExportOptions {

  public static final String DEFAULT_CALENDAR_NAME = "TaskOverflow";

  @JsonPropertyDescription("Calendar name shown by calendar applications (X-WR-CALNAME).")
  @Default(DEFAULT_CALENDAR_NAME)
  @Size(min = 1, max = 255)
  private String calendarName = DEFAULT_CALENDAR_NAME;

  @JsonPropertyDescription("Which todos to export; all of them when absent.")
  private ExportFilter filter;

  @JsonPropertyDescription("The component each todo becomes: VEVENT (default) or VTODO.")
  @Default("VEVENT")
  private CalendarComponent component = CalendarComponent.VEVENT;

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

  /** Takes over the other's options (the filter by reference, not copied). */
  public void copyOptionsFrom(ExportOptions other) {
    calendarName = other.calendarName;
    filter = other.filter;
    component = other.component;
  }

  /** Whether the other has the same options, whatever else either of them holds. */
  protected boolean sameOptions(ExportOptions other) {
    return Objects.equals(calendarName, other.calendarName)
        && Objects.equals(filter, other.filter)
        && component == other.component;
  }

  /** A hash code consistent with {@link #sameOptions}. */
  protected int optionsHashCode() {
    return Objects.hash(calendarName, filter, component);
  }
}

package io.taskoverflow.generator;

import io.taskoverflow.model.spec.CalendarComponent;
import java.io.IOException;
import java.time.Instant;
import java.util.UUID;

/**
 * Writes a VCALENDAR one component at a time, so memory does not grow with the number of todos.
 * UIDs embed the installation id: stable across exports of the same todo (calendar applications
 * update instead of duplicating), unique across installations.
 */
final class CalendarWriter {

  static final String PRODID = "-//TaskOverflow//Calendar Export 1.0//EN";

  private final ContentLineWriter lines;
  private final CalendarComponent component;
  private final String uidSuffix;
  private final String dtstamp;
  private int events;
  private int skipped;

  CalendarWriter(
      ContentLineWriter lines, CalendarComponent component, UUID installationId, Instant stamp) {
    this.lines = lines;
    this.component = component;
    this.uidSuffix = "-" + installationId + "@taskoverflow.io";
    this.dtstamp = IcsDateTime.utc(stamp);
  }

  void begin(String calendarName) throws IOException {
    lines.property("BEGIN", "VCALENDAR");
    lines.property("VERSION", "2.0");
    lines.property("PRODID", PRODID);
    lines.property("CALSCALE", "GREGORIAN");
    lines.property("METHOD", "PUBLISH");
    lines.textProperty("X-WR-CALNAME", calendarName);
  }

  /** Writes the todo as one component, or counts it as skipped when it cannot be one. */
  void write(Todo todo) throws IOException {
    boolean hasDeadline = todo.deadlineAt() != null && IcsDateTime.representable(todo.deadlineAt());
    if (component == CalendarComponent.VEVENT && !hasDeadline) {
      skipped++;
      return;
    }
    lines.property("BEGIN", component.name());
    lines.property("UID", "todo-" + todo.id() + uidSuffix);
    lines.property("DTSTAMP", dtstamp);
    if (hasDeadline) {
      String deadline = IcsDateTime.floating(todo.deadlineAt());
      lines.property(component == CalendarComponent.VEVENT ? "DTSTART" : "DUE", deadline);
    }
    lines.textProperty("SUMMARY", todo.title());
    if (todo.description() != null && !todo.description().isEmpty()) {
      lines.textProperty("DESCRIPTION", todo.description());
    }
    if (component == CalendarComponent.VTODO) {
      lines.property("STATUS", todo.completed() ? "COMPLETED" : "NEEDS-ACTION");
    }
    lines.property("END", component.name());
    events++;
  }

  void end() throws IOException {
    lines.property("END", "VCALENDAR");
    lines.flush();
  }

  int events() {
    return events;
  }

  int skipped() {
    return skipped;
  }
}

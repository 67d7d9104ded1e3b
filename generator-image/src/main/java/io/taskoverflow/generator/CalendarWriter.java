package io.taskoverflow.generator;

import io.taskoverflow.model.spec.CalendarComponent;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.PropertyList;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VToDo;
import net.fortuna.ical4j.model.parameter.Value;
import net.fortuna.ical4j.model.property.CalScale;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.Due;
import net.fortuna.ical4j.model.property.Method;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.RefreshInterval;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Version;
import net.fortuna.ical4j.model.property.XProperty;

/**
 * Writes a VCALENDAR one component at a time, so memory does not grow with the number of todos:
 * each todo becomes an ical4j VEVENT or VTODO, serialised by ical4j and folded by the {@link
 * ContentLineWriter}. UIDs embed the installation id: stable across exports of the same todo
 * (calendar applications update instead of duplicating), unique across installations.
 */
final class CalendarWriter {

  static final String PRODID = "-//TaskOverflow//Calendar Export 1.0//EN";

  /**
   * How often subscribers should fetch the calendar again (RFC 7986 REFRESH-INTERVAL, and
   * X-PUBLISHED-TTL for Outlook and older clients): a feed follows the todos within seconds, and a
   * poll of an unchanged feed costs a 304.
   */
  static final Duration REFRESH_INTERVAL = Duration.ofMinutes(15);

  // ical4j serialises a Calendar only whole, components included: the envelope is written here.
  private static final String BEGIN_VCALENDAR = "BEGIN:VCALENDAR\r\n";
  private static final String END_VCALENDAR = "END:VCALENDAR\r\n";

  private static final Status COMPLETED = new Status(Status.VALUE_COMPLETED);
  private static final Status NEEDS_ACTION = new Status(Status.VALUE_NEEDS_ACTION);

  private final ContentLineWriter lines;
  private final CalendarComponent component;
  private final String uidSuffix;
  private final DtStamp dtstamp; // one instant per export, shared by every component
  private int events;
  private int skipped;

  CalendarWriter(
      ContentLineWriter lines, CalendarComponent component, UUID installationId, Instant stamp) {
    this.lines = lines;
    this.component = component;
    this.uidSuffix = "-" + installationId + "@taskoverflow.io";
    this.dtstamp = new DtStamp(stamp);
  }

  void begin(String calendarName) throws IOException {
    lines.write(BEGIN_VCALENDAR);
    lines.write(new Version(new ParameterList(), Version.VALUE_2_0));
    lines.write(new ProdId(PRODID));
    lines.write(new CalScale(CalScale.VALUE_GREGORIAN));
    lines.write(new Method(Method.VALUE_PUBLISH));
    lines.write(new XProperty("X-WR-CALNAME", IcsText.clean(calendarName)));
    lines.write(new RefreshInterval(new ParameterList(List.of(Value.DURATION)), REFRESH_INTERVAL));
    lines.write(new XProperty("X-PUBLISHED-TTL", REFRESH_INTERVAL.toString()));
  }

  /** Writes the todo as one component, or counts it as skipped when it cannot be one. */
  void write(Todo todo) throws IOException {
    LocalDateTime deadline = representable(todo.deadlineAt()) ? todo.deadlineAt() : null;
    if (component == CalendarComponent.VEVENT && deadline == null) {
      skipped++;
      return;
    }
    List<Property> properties = new ArrayList<>(6);
    properties.add(new Uid("todo-" + todo.id() + uidSuffix));
    properties.add(dtstamp);
    if (deadline != null) {
      // A LocalDateTime is floating time: no TZID, no Z, like the reference's DTSTART.
      properties.add(
          component == CalendarComponent.VEVENT ? new DtStart<>(deadline) : new Due<>(deadline));
    }
    properties.add(new Summary(IcsText.clean(todo.title())));
    if (todo.description() != null && !todo.description().isEmpty()) {
      properties.add(new Description(IcsText.clean(todo.description())));
    }
    if (component == CalendarComponent.VEVENT) {
      lines.write(new VEvent(new PropertyList(properties)));
    } else {
      properties.add(todo.completed() ? COMPLETED : NEEDS_ACTION);
      lines.write(new VToDo(new PropertyList(properties)));
    }
    events++;
  }

  void end() throws IOException {
    lines.write(END_VCALENDAR);
    lines.flush();
  }

  int events() {
    return events;
  }

  int skipped() {
    return skipped;
  }

  /**
   * A DATE-TIME has a four-digit year (RFC 5545 §3.3.4); PostgreSQL allows more, and BC. Year 0 (1
   * BC) is out too: ical4j formats the year of era, which would turn it into 0001.
   */
  private static boolean representable(LocalDateTime value) {
    return value != null && value.getYear() >= 1 && value.getYear() <= 9999;
  }
}

package io.taskoverflow.generator;

import io.taskoverflow.model.spec.CalendarComponent;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.parameter.Value;
import net.fortuna.ical4j.model.property.CalScale;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
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
 * each todo becomes the ical4j properties of a VEVENT or VTODO (its floating deadline formatted
 * here), written and folded by the {@link ContentLineWriter}. UIDs embed the installation id:
 * stable across exports of the same todo (calendar applications update instead of duplicating),
 * unique across installations.
 */
final class CalendarWriter {

  static final String PRODID = "-//TaskOverflow//Calendar Export 1.0//EN";

  /**
   * How often subscribers should fetch the calendar again (RFC 7986 REFRESH-INTERVAL, and
   * X-PUBLISHED-TTL for Outlook and older clients): a feed follows the todos within seconds, and a
   * poll of an unchanged feed costs a 304.
   */
  static final Duration REFRESH_INTERVAL = Duration.ofMinutes(15);

  // ical4j serialises a Calendar only whole, and a component through a stream pipeline per
  // property: the envelopes are written here, the properties one by one.
  private static final String BEGIN_VCALENDAR = "BEGIN:VCALENDAR\r\n";
  private static final String END_VCALENDAR = "END:VCALENDAR\r\n";
  private static final String BEGIN_VEVENT = "BEGIN:" + Component.VEVENT + "\r\n";
  private static final String END_VEVENT = "END:" + Component.VEVENT + "\r\n";
  private static final String BEGIN_VTODO = "BEGIN:" + Component.VTODO + "\r\n";
  private static final String END_VTODO = "END:" + Component.VTODO + "\r\n";

  private static final String COMPLETED = new Status(Status.VALUE_COMPLETED).toString();
  private static final String NEEDS_ACTION = new Status(Status.VALUE_NEEDS_ACTION).toString();

  private final ContentLineWriter lines;
  private final CalendarComponent component;
  private final String uidSuffix;
  private final String dtstamp; // one instant per export: formatted once
  private int events;
  private int skipped;

  CalendarWriter(
      ContentLineWriter lines, CalendarComponent component, UUID installationId, Instant stamp) {
    this.lines = lines;
    this.component = component;
    this.uidSuffix = "-" + installationId + "@taskoverflow.io";
    this.dtstamp = new DtStamp(stamp).toString();
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
    lines.write(component == CalendarComponent.VEVENT ? BEGIN_VEVENT : BEGIN_VTODO);
    lines.write(new Uid("todo-" + todo.id() + uidSuffix));
    lines.write(dtstamp);
    if (deadline != null) {
      lines.write(
          (component == CalendarComponent.VEVENT ? "DTSTART:" : "DUE:") + floating(deadline));
    }
    lines.write(new Summary(IcsText.clean(todo.title())));
    if (todo.description() != null && !todo.description().isEmpty()) {
      lines.write(new Description(IcsText.clean(todo.description())));
    }
    if (component == CalendarComponent.VEVENT) {
      lines.write(END_VEVENT);
    } else {
      lines.write(todo.completed() ? COMPLETED : NEEDS_ACTION);
      lines.write(END_VTODO);
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
   * A DATE-TIME in floating time (RFC 5545 §3.3.5, form 1: no TZID, no Z), like the reference's
   * DTSTART: what ical4j's {@code DtStart} and {@code Due} of a LocalDateTime write, which cost a
   * third of a big export's time in building and formatting them.
   */
  static String floating(LocalDateTime time) {
    char[] text = new char[15];
    digits(text, 0, time.getYear(), 4);
    digits(text, 4, time.getMonthValue(), 2);
    digits(text, 6, time.getDayOfMonth(), 2);
    text[8] = 'T';
    digits(text, 9, time.getHour(), 2);
    digits(text, 11, time.getMinute(), 2);
    digits(text, 13, time.getSecond(), 2);
    return new String(text);
  }

  private static void digits(char[] text, int offset, int value, int width) {
    for (int i = offset + width - 1; i >= offset; i--) {
      text[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  /**
   * A DATE-TIME has a four-digit year (RFC 5545 §3.3.4); PostgreSQL allows more, and BC. Year 0 (1
   * BC) is out too: ical4j formats the year of era, which would turn it into 0001.
   */
  private static boolean representable(LocalDateTime value) {
    return value != null && value.getYear() >= 1 && value.getYear() <= 9999;
  }
}

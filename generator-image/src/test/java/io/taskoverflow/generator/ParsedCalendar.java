package io.taskoverflow.generator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.CalendarComponent;

/** A calendar read back by ical4j 4.4.0, the independent judge of what the generator wrote. */
final class ParsedCalendar {

  private final Calendar calendar;

  private ParsedCalendar(Calendar calendar) {
    this.calendar = calendar;
  }

  static ParsedCalendar parse(byte[] ics) {
    try {
      return new ParsedCalendar(new CalendarBuilder().build(new ByteArrayInputStream(ics)));
    } catch (IOException | ParserException e) {
      throw new AssertionError("ical4j could not parse the calendar", e);
    }
  }

  String property(String name) {
    return value(calendar.getProperty(name));
  }

  List<Component> components(String name) {
    return List.copyOf(calendar.<CalendarComponent>getComponents(name));
  }

  static String property(Component component, String name) {
    return value(component.getProperty(name));
  }

  private static String value(Optional<Property> property) {
    return property.map(Property::getValue).orElse(null);
  }
}

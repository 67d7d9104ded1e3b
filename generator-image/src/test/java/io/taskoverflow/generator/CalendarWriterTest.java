package io.taskoverflow.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoverflow.model.spec.CalendarComponent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Random;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.Due;
import org.junit.jupiter.api.Test;

class CalendarWriterTest {

  private static final Todo WITH_DEADLINE =
      new Todo(3, "Ship it", "Before lunch", false, LocalDateTime.of(2023, 4, 3, 14, 0, 0, 500));
  private static final Todo WITHOUT_DEADLINE = new Todo(4, "Someday", null, true, null);

  /** The writer formats deadlines itself; they must read exactly as ical4j writes them. */
  @Test
  void deadlinesAreWrittenAsIcal4jWritesAFloatingDateTime() {
    Random random = new Random(17);
    for (int i = 0; i < 5_000; i++) {
      LocalDateTime deadline =
          LocalDateTime.of(1, 1, 1, 0, 0)
              .plusSeconds((long) (random.nextDouble() * 9_999 * 365.2425 * 86_400))
              .withNano(random.nextInt(1_000_000_000));

      assertThat("DTSTART:" + CalendarWriter.floating(deadline) + "\r\n")
          .isEqualTo(new DtStart<>(deadline).toString());
      assertThat("DUE:" + CalendarWriter.floating(deadline) + "\r\n")
          .isEqualTo(new Due<>(deadline).toString());
    }
  }

  @Test
  void aVeventCalendarLooksLikeTheReference() throws IOException {
    String ics = write(CalendarComponent.VEVENT, List.of(WITH_DEADLINE));

    assertThat(ics)
        .isEqualTo(
            "BEGIN:VCALENDAR\r\n"
                + "VERSION:2.0\r\n"
                + "PRODID:-//TaskOverflow//Calendar Export 1.0//EN\r\n"
                + "CALSCALE:GREGORIAN\r\n"
                + "METHOD:PUBLISH\r\n"
                + "X-WR-CALNAME:Mine\r\n"
                + "REFRESH-INTERVAL;VALUE=DURATION:PT15M\r\n"
                + "X-PUBLISHED-TTL:PT15M\r\n"
                + "BEGIN:VEVENT\r\n"
                + "UID:todo-3-0b0b8a5e-6c6f-4c1e-8d55-3f1f1e0a7d21@taskoverflow.io\r\n"
                + "DTSTAMP:20260102T030405Z\r\n"
                + "DTSTART:20230403T140000\r\n"
                + "SUMMARY:Ship it\r\n"
                + "DESCRIPTION:Before lunch\r\n"
                + "END:VEVENT\r\n"
                + "END:VCALENDAR\r\n");
  }

  @Test
  void veventCalendarsSkipAndCountTodosWithoutDeadline() throws IOException {
    ParsedCalendar parsed =
        ParsedCalendar.parse(
            CalendarWriterPropertyTest.write(
                CalendarComponent.VEVENT, "Mine", List.of(WITH_DEADLINE, WITHOUT_DEADLINE)));

    assertThat(parsed.components("VEVENT")).hasSize(1);
  }

  @Test
  void vtodoCalendarsKeepTodosWithoutDeadlineWithoutDue() throws IOException {
    String ics = write(CalendarComponent.VTODO, List.of(WITH_DEADLINE, WITHOUT_DEADLINE));

    ParsedCalendar parsed = ParsedCalendar.parse(ics.getBytes(StandardCharsets.UTF_8));
    assertThat(parsed.components("VTODO"))
        .extracting(
            c -> ParsedCalendar.property(c, "UID"),
            c -> ParsedCalendar.property(c, "DUE"),
            c -> ParsedCalendar.property(c, "STATUS"),
            c -> ParsedCalendar.property(c, "DESCRIPTION"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "todo-3-0b0b8a5e-6c6f-4c1e-8d55-3f1f1e0a7d21@taskoverflow.io",
                "20230403T140000",
                "NEEDS-ACTION",
                "Before lunch"),
            org.assertj.core.groups.Tuple.tuple(
                "todo-4-0b0b8a5e-6c6f-4c1e-8d55-3f1f1e0a7d21@taskoverflow.io",
                null,
                "COMPLETED",
                null));
    assertThat(ics).doesNotContain("DTSTART");
  }

  @Test
  void anEmptyDescriptionIsLeftOut() throws IOException {
    String ics = write(CalendarComponent.VTODO, List.of(new Todo(1, "t", "", false, null)));

    assertThat(ics).doesNotContain("DESCRIPTION");
  }

  @Test
  void eventsAndSkippedAreCounted() throws IOException {
    CalendarWriter writer =
        new CalendarWriter(
            new ContentLineWriter(java.io.OutputStream.nullOutputStream()),
            CalendarComponent.VEVENT,
            java.util.UUID.randomUUID(),
            java.time.Instant.now());
    writer.write(WITH_DEADLINE);
    writer.write(WITHOUT_DEADLINE);
    writer.write(WITHOUT_DEADLINE);

    assertThat(writer.events()).isEqualTo(1);
    assertThat(writer.skipped()).isEqualTo(2);
  }

  /** DATE-TIME years have four digits; ical4j would print year 0 (1 BC) as 0001. */
  @Test
  void deadlinesADateTimeCannotHoldCountAsNone() throws IOException {
    List<Todo> todos =
        List.of(
            new Todo(5, "BC", null, false, LocalDateTime.of(0, 6, 1, 12, 0)),
            new Todo(6, "far", null, false, LocalDateTime.of(10_000, 1, 1, 0, 0)),
            new Todo(7, "edge", null, false, LocalDateTime.of(9999, 12, 31, 23, 59, 59)));

    ParsedCalendar events = ParsedCalendar.parse(bytes(CalendarComponent.VEVENT, todos));
    ParsedCalendar vtodos = ParsedCalendar.parse(bytes(CalendarComponent.VTODO, todos));

    assertThat(events.components("VEVENT"))
        .extracting(e -> ParsedCalendar.property(e, "DTSTART"))
        .containsExactly("99991231T235959");
    assertThat(vtodos.components("VTODO"))
        .extracting(t -> ParsedCalendar.property(t, "DUE"))
        .containsExactly(null, null, "99991231T235959");
  }

  private static byte[] bytes(CalendarComponent component, List<Todo> todos) throws IOException {
    return CalendarWriterPropertyTest.write(component, "Mine", todos);
  }

  private static String write(CalendarComponent component, List<Todo> todos) throws IOException {
    return new String(
        CalendarWriterPropertyTest.write(component, "Mine", todos), StandardCharsets.UTF_8);
  }
}

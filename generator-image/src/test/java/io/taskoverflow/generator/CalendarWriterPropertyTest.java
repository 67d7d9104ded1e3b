package io.taskoverflow.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoverflow.model.spec.CalendarComponent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import net.fortuna.ical4j.model.Component;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Property-style: many todos of awkward text, written, parsed back by ical4j and compared field by
 * field. The seed is fixed so a failure reproduces; change it to explore.
 */
class CalendarWriterPropertyTest {

  private static final long SEED = 20230403L;
  private static final UUID INSTALLATION = UUID.fromString("0b0b8a5e-6c6f-4c1e-8d55-3f1f1e0a7d21");
  private static final Instant STAMP = Instant.parse("2026-01-02T03:04:05Z");
  private static final DateTimeFormatter FLOATING =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss");

  @ParameterizedTest
  @EnumSource(CalendarComponent.class)
  void awkwardTextSurvivesTheRoundTripThroughIcal4j(CalendarComponent component)
      throws IOException {
    List<Todo> todos = awkwardTodos(new Random(SEED), 600);

    byte[] ics = write(component, "Kalender, ;\\ 日本 😀", todos);

    IcsLines.physicalLines(ics); // CRLF only, ≤ 75 octets, no split character
    ParsedCalendar parsed = ParsedCalendar.parse(ics);
    assertThat(parsed.property("X-WR-CALNAME")).isEqualTo("Kalender, ;\\ 日本 😀");
    List<Todo> expected =
        todos.stream()
            .filter(todo -> component == CalendarComponent.VTODO || todo.deadlineAt() != null)
            .toList();
    List<Component> components = parsed.components(component.name());
    assertThat(components).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      assertSameTodo(component, components.get(i), expected.get(i));
    }
  }

  @ParameterizedTest
  @EnumSource(CalendarComponent.class)
  void aStrictReaderGetsEveryTextBackExactly(CalendarComponent component) throws IOException {
    List<Todo> todos = awkwardTodos(new Random(SEED + 1), 600);

    byte[] ics = write(component, "x", todos);

    List<Map<String, String>> read = IcsLines.components(ics, component.name());
    List<Todo> expected =
        todos.stream()
            .filter(todo -> component == CalendarComponent.VTODO || todo.deadlineAt() != null)
            .toList();
    assertThat(read).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      Todo todo = expected.get(i);
      assertThat(read.get(i).get("SUMMARY")).isEqualTo(AwkwardText.afterRoundTrip(todo.title()));
      assertThat(read.get(i).get("DESCRIPTION"))
          .isEqualTo(
              todo.description() == null ? null : AwkwardText.afterRoundTrip(todo.description()));
    }
  }

  private static void assertSameTodo(CalendarComponent kind, Component component, Todo todo) {
    String deadline = todo.deadlineAt() == null ? null : FLOATING.format(todo.deadlineAt());
    assertThat(ParsedCalendar.property(component, "UID"))
        .isEqualTo("todo-" + todo.id() + "-" + INSTALLATION + "@taskoverflow.io");
    assertThat(ParsedCalendar.property(component, "DTSTAMP")).isEqualTo("20260102T030405Z");
    assertThat(ParsedCalendar.property(component, "SUMMARY"))
        .as("SUMMARY of todo %d", todo.id())
        .isEqualTo(AwkwardText.asIcal4jReadsIt(todo.title()));
    assertThat(ParsedCalendar.property(component, "DESCRIPTION"))
        .as("DESCRIPTION of todo %d", todo.id())
        .isEqualTo(
            todo.description() == null ? null : AwkwardText.asIcal4jReadsIt(todo.description()));
    if (kind == CalendarComponent.VEVENT) {
      assertThat(ParsedCalendar.property(component, "DTSTART")).isEqualTo(deadline);
    } else {
      assertThat(ParsedCalendar.property(component, "DUE")).isEqualTo(deadline);
      assertThat(ParsedCalendar.property(component, "STATUS"))
          .isEqualTo(todo.completed() ? "COMPLETED" : "NEEDS-ACTION");
    }
  }

  static List<Todo> awkwardTodos(Random random, int count) {
    AwkwardText text = new AwkwardText(random);
    String[] wide = {"中", "😀", "é", "한"};
    List<Todo> todos = new ArrayList<>();
    for (int id = 1; id <= count; id++) {
      String title =
          switch (id % 4) {
            case 0 -> AwkwardText.wide(80, wide[id % wide.length]); // the longest title allowed
            default -> text.next(80);
          };
      String description =
          switch (id % 5) {
            case 0 -> null;
            case 1 -> AwkwardText.wide(120, wide[id % wide.length]); // the longest description
            default -> text.next(120);
          };
      LocalDateTime deadline =
          id % 7 == 0
              ? null
              : LocalDateTime.of(2023, 1, 1, 0, 0)
                  .plusMinutes(random.nextInt(2_000_000))
                  .plusSeconds(random.nextInt(60));
      todos.add(new Todo(id, title, description, random.nextBoolean(), deadline));
    }
    return todos;
  }

  static byte[] write(CalendarComponent component, String name, List<Todo> todos)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CalendarWriter writer =
        new CalendarWriter(new ContentLineWriter(out), component, INSTALLATION, STAMP);
    writer.begin(name);
    for (Todo todo : todos) {
      writer.write(todo);
    }
    writer.end();
    return out.toByteArray();
  }
}

package io.taskoverflow.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * GET /todos/ical/{task_id}/events on the whole sandbox: a generator Job really runs, and its
 * status changes (and, for a big export, its progress) arrive as server-sent events.
 */
class ExportEventsE2E {

  @RegisterExtension static final CleanSandbox e2e = new CleanSandbox();

  private static final Duration AT_MOST = Duration.ofMinutes(3);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> IN_ORDER = List.of("PENDING", "STARTED", "SUCCESS");

  /** Enough for the generator to run a few seconds (about 46 MB of calendar), well under 64 MiB. */
  private static final int MANY_TODOS = 300_000;

  @Test
  void aFreshExportsStreamShowsEachStateInOrderEndsWithSuccessAndCloses() throws Exception {
    e2e.api().createTodo("Hand in the report", "Chapters 1-3", "2026-06-01T12:00:00");
    String taskId = e2e.api().startFreshExport();

    ExportApi.Answer stream =
        e2e.api().events(taskId, AT_MOST); // returns once the server closed it

    assertThat(stream.status()).isEqualTo(200);
    assertThat(stream.response().headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
    List<Event> events = parse(stream.body());
    assertThat(events).extracting(Event::name).containsOnly("status");
    assertThat(events).extracting(Event::id).isEqualTo(oneTo(events.size()));
    assertThat(events)
        .extracting(event -> event.data().get("task_id").asText())
        .containsOnly(taskId);
    List<String> statuses = events.stream().map(Event::taskStatus).toList();
    assertThat(statuses).last().isEqualTo("SUCCESS");
    assertThat(statuses.subList(0, statuses.size() - 1)).isSubsetOf("PENDING", "STARTED");
    assertThat(statuses).isSortedAccordingTo(Comparator.comparing(IN_ORDER::indexOf));
    // One event per change: no event repeats the one before it (a JSON may come back, e.g. a
    // progress of null again once the generator has removed its row).
    for (int i = 1; i < events.size(); i++) {
      assertThat(events.get(i).data()).isNotEqualTo(events.get(i - 1).data());
    }
    // The last event is what the status route says from now on.
    assertThat(events.get(events.size() - 1).data()).isEqualTo(e2e.api().status(taskId).json());
  }

  @Test
  void aBigExportsStreamShowsTheGeneratorsProgress() throws Exception {
    SandboxDatabase database = e2e.database();
    e2e.database().insertTodos(MANY_TODOS);
    long todos = e2e.database().todos();
    String taskId = e2e.api().startFreshExport();

    List<Event> events = parse(e2e.api().events(taskId, AT_MOST).body());

    assertThat(events).last().extracting(Event::taskStatus).isEqualTo("SUCCESS");
    List<JsonNode> progress =
        events.stream()
            .map(event -> event.data().get("progress"))
            .filter(node -> !node.isNull())
            .toList();
    System.out.printf(
        "%d events, progress in %d of them: %s%n", events.size(), progress.size(), progress);
    assertThat(progress)
        .isNotEmpty()
        .allSatisfy(
            node -> {
              assertThat(node.get("total").asLong()).isEqualTo(todos);
              assertThat(node.get("written").asLong()).isBetween(0L, node.get("total").asLong());
            });
    assertThat(progress).extracting(node -> node.get("written").asLong()).isSorted();
  }

  @Test
  void anUnknownTaskAnswers404() throws Exception {
    ExportApi.Answer answer = e2e.api().events("calx-unknown", AT_MOST);

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.json().get("error").asText()).isEqualTo("Task not found");
  }

  // --- reading the stream

  private record Event(long id, String name, JsonNode data) {
    String taskStatus() {
      return data.get("task_status").asText();
    }
  }

  /** text/event-stream: events end with a blank line; lines starting with a colon are comments. */
  private static List<Event> parse(String body) throws Exception {
    List<Event> events = new ArrayList<>();
    for (String block : body.split("\n\n")) {
      Map<String, String> fields = new LinkedHashMap<>();
      for (String line : block.split("\n")) {
        if (!line.isEmpty() && !line.startsWith(":")) {
          int colon = line.indexOf(':');
          fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
        }
      }
      if (!fields.isEmpty()) {
        events.add(
            new Event(
                Long.parseLong(fields.get("id")),
                fields.get("event"),
                JSON.readTree(fields.get("data"))));
      }
    }
    return events;
  }

  private static List<Long> oneTo(int n) {
    List<Long> ids = new ArrayList<>();
    for (long id = 1; id <= n; id++) {
      ids.add(id);
    }
    return ids;
  }
}

package io.taskoverflow.api.export;

import static io.taskoverflow.api.TestApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskoverflow.api.SharedKubernetes;
import io.taskoverflow.api.TestApi;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.status.ExportPhase;
import io.taskoverflow.schema.TestDatabase;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /todos/ical/{task_id}/events} against the real api-server on a real Kubernetes API
 * server; the test plays the operator and writes the generator's progress rows.
 */
@ExtendWith(SharedKubernetes.class)
class ExportEventsIT {

  private static final String ICAL = "/api/v1/todos/ical";
  private static final String CALENDAR = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n";

  @RegisterExtension static final TestApi api = TestApi.perClass();
  private static final OperatorStandIn operator = new OperatorStandIn(api);

  @BeforeEach
  void noExportsAndNoCalendars() {
    api.deleteExportsAndAwaitNoneListed();
    TestDatabase.reset();
  }

  @Test
  void eachChangeOfTheStatusIsOneEventAndTheStreamEndsAfterTheFinalOne() throws Exception {
    String taskId = create();
    try (ServerSentEvents stream = ServerSentEvents.open(api, events(taskId))) {
      assertThat(stream.response().statusCode()).isEqualTo(200);
      assertThat(stream.response().headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
      // The before-handlers ran as for every route.
      assertThat(stream.response().headers().firstValue("X-Content-Type-Options"))
          .contains("nosniff");
      awaitEvents(stream, 1);

      operator.phase(taskId, ExportPhase.RUNNING, "The generator started");
      awaitEvents(stream, 2);
      // News of the export that leaves its status JSON as it was: no event.
      api.exportsAsAdmin().withName(taskId).edit(export -> labelled(export, "seen", "yes"));
      progress(taskId, 3, 10L);
      awaitEvents(stream, 3);
      progress(taskId, 10, 10L);
      awaitEvents(stream, 4);
      operator.succeed(taskId, CALENDAR);

      await().until(stream::ended);
      List<ServerSentEvents.Event> events = stream.events();
      assertThat(events)
          .extracting(event -> event.fields().get("event"))
          .containsOnly("status")
          .hasSize(5);
      assertThat(events)
          .extracting(event -> event.fields().get("id"))
          .containsExactly("1", "2", "3", "4", "5");
      List<JsonNode> bodies = events.stream().map(event -> json(event.data())).toList();
      assertThat(bodies)
          .extracting(body -> body.get("task_status").asText())
          .containsExactly("PENDING", "STARTED", "STARTED", "STARTED", "SUCCESS");
      assertThat(bodies)
          .extracting(body -> body.get("progress").toString())
          .containsExactly(
              "null",
              "null",
              "{\"written\":3,\"total\":10}",
              "{\"written\":10,\"total\":10}",
              "null");
      // The same JSON as the status route, field for field.
      assertThat(events.get(4).data()).isEqualTo(api.get(status(taskId)).body());
    }
  }

  @Test
  void theStatusRouteShowsTheProgressOfAStartedExportToo() throws Exception {
    String taskId = create();
    operator.phase(taskId, ExportPhase.RUNNING, "The generator started");
    progress(taskId, 0, null);

    await()
        .untilAsserted(
            () ->
                assertThat(json(api.get(status(taskId))).get("progress").toString())
                    .isEqualTo("{\"written\":0,\"total\":null}"));
    assertThat(json(api.get(ICAL)).get(0).get("progress").toString())
        .isEqualTo("{\"written\":0,\"total\":null}");
  }

  @Test
  void aFinishedExportSendsItsStatusOnceAndTheStreamEnds() {
    String taskId = create();
    operator.phase(taskId, ExportPhase.FAILED, "The generator failed: disk on fire");
    await()
        .until(() -> json(api.get(status(taskId))).get("task_status").asText().equals("FAILURE"));

    HttpResponse<String> whole = api.get(events(taskId)); // returns once the server closed it

    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(whole.body())
        .isEqualTo("event: status\nid: 1\ndata: " + api.get(status(taskId)).body() + "\n\n");
  }

  @Test
  void anUnknownTaskAnswers404AsJsonLikeTheStatusRoute() {
    for (String accept : new String[] {"*/*", "text/event-stream"}) {
      HttpResponse<String> response =
          api.send(api.request(events("calx-unknown")).header("Accept", accept).GET());

      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
      assertThat(response.body()).isEqualTo("{\"error\":\"Task not found\"}");
    }
  }

  @Test
  void headAnswersTheStreamsHeadersWithoutOpeningIt() {
    String taskId = create();

    HttpResponse<String> head =
        api.send(api.request(events(taskId)).method("HEAD", HttpRequest.BodyPublishers.noBody()));

    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
    assertThat(head.body()).isEmpty();
  }

  @Test
  void theStreamOfADeletedExportEnds() {
    String taskId = create();
    try (ServerSentEvents stream = ServerSentEvents.open(api, events(taskId))) {
      awaitEvents(stream, 1);

      api.exportsAsAdmin().withName(taskId).delete();

      await().until(stream::ended);
      assertThat(stream.events()).hasSize(1);
    }
  }

  @Test
  void stoppingTheServerEndsItsOpenStreams() {
    TestApi stopping = TestApi.start(api.kubernetes());
    String taskId = json(stopping.post(ICAL, "")).get("task_id").asText();
    try (ServerSentEvents stream = ServerSentEvents.open(stopping, events(taskId))) {
      awaitEvents(stream, 1);

      CompletableFuture<Void> stopped = CompletableFuture.runAsync(stopping::close);

      await().atMost(Duration.ofSeconds(20)).until(stopped::isDone);
      assertThat(stopped).isNotCompletedExceptionally();
      await().until(stream::ended);
    }
  }

  // --- fixtures

  private static String create() {
    return json(api.post(ICAL, "")).get("task_id").asText();
  }

  private static String events(String taskId) {
    return ICAL + "/" + taskId + "/events";
  }

  private static String status(String taskId) {
    return ICAL + "/" + taskId + "/status";
  }

  private static void awaitEvents(ServerSentEvents stream, int count) {
    await().untilAsserted(() -> assertThat(stream.events()).hasSizeGreaterThanOrEqualTo(count));
  }

  private static CalendarExport labelled(CalendarExport export, String key, String value) {
    export.getMetadata().getLabels().put(key, value);
    return export;
  }

  /** What the generator writes to export_progress (db-schema V7). */
  private static void progress(String taskId, long written, Long total) throws SQLException {
    UUID uid = UUID.fromString(operator.get(taskId).getMetadata().getUid());
    TestDatabase.execute(
        "INSERT INTO export_progress (export_uid, written, total) VALUES (?, ?, ?)"
            + " ON CONFLICT (export_uid) DO UPDATE"
            + " SET written = excluded.written, total = excluded.total",
        uid,
        written,
        total);
  }
}

package io.taskoverflow.api.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskoverflow.api.Answer;
import io.taskoverflow.api.InMemoryApi;
import io.taskoverflow.api.RouteClient;
import io.taskoverflow.calendars.ExportProgress;
import io.taskoverflow.calendars.StoredCalendar;
import io.taskoverflow.model.spec.CalendarComponent;
import io.taskoverflow.model.spec.CalendarExportSpec;
import io.taskoverflow.model.spec.ExportFilter;
import io.taskoverflow.model.status.ExportPhase;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.StreamSupport;
import okhttp3.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The export routes (docs/api.md) on in-memory exports and calendars; the test plays the operator.
 * ExportApiIT keeps what needs a kube-apiserver and PostgreSQL.
 */
class ExportRoutesTest {

  private static final String ICAL = "/api/v1/todos/ical";
  private static final String CALENDAR =
      "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Café ☕\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

  @RegisterExtension final InMemoryApi api = new InMemoryApi();

  @Test
  void postAnswers202WithTheTaskIdAnAbsoluteTaskUrlAndLocation() {
    api.test(
        client -> {
          Answer answer = client.post(ICAL, "");

          assertThat(answer.status()).isEqualTo(202);
          String taskId = answer.json().get("task_id").asText();
          assertThat(taskId).matches("calx-[a-z0-9]+");
          String taskUrl = client.origin() + ICAL + "/" + taskId + "/status";
          assertThat(answer.json().get("task_url").asText()).isEqualTo(taskUrl);
          assertThat(answer.header("Location")).isEqualTo(taskUrl);
          CalendarExportSpec spec = api.exports().find(taskId).orElseThrow().getSpec();
          assertThat(spec.getCalendarName()).isEqualTo(CalendarExportSpec.DEFAULT_CALENDAR_NAME);
          assertThat(spec.getComponent()).isEqualTo(CalendarComponent.VEVENT);
          assertThat(spec.getFilter()).isNull();
          assertThat(spec.isCancelled()).isFalse();
        });
  }

  @Test
  void theGenerateAliasPassesTheBodyIntoTheSpec() {
    api.test(
        client -> {
          Answer answer =
              client.post(
                  ICAL + "/generate",
                  "{\"calendar_name\":\"Uni\",\"completed\":false,\"window\":7,"
                      + "\"component\":\"VTODO\"}");

          assertThat(answer.status()).isEqualTo(202);
          CalendarExportSpec spec =
              api.exports().find(answer.json().get("task_id").asText()).orElseThrow().getSpec();
          assertThat(spec.getCalendarName()).isEqualTo("Uni");
          assertThat(spec.getComponent()).isEqualTo(CalendarComponent.VTODO);
          assertThat(spec.getFilter()).isEqualTo(new ExportFilter(false, 7));
        });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not json",
        "[]",
        "\"VTODO\"",
        "{\"format\":\"ics\"}",
        "{\"component\":\"VJOURNAL\"}",
        "{\"window\":-3}",
        "{\"window\":36501}",
        "{\"completed\":\"yes\"}",
        "{\"calendar_name\":\"\"}"
      })
  void aBadBodyAnswers400AndCreatesNothing(String body) {
    api.test(
        client -> {
          Answer answer = client.post(ICAL, body);

          assertThat(answer.status()).isEqualTo(400);
          assertThat(answer.error()).isNotBlank();
          assertThat(api.exports().list()).isEmpty();
        });
  }

  @Test
  void anOversizedBodyAnswers413() {
    api.test(
        client -> {
          Answer answer =
              client.post(
                  ICAL,
                  "{\"calendar_name\":\"" + "x".repeat((int) InMemoryApi.MAX_BODY_BYTES) + "\"}");

          assertThat(answer.status()).isEqualTo(413);
          assertThat(answer.error()).isNotBlank();
          assertThat(api.exports().list()).isEmpty();
        });
  }

  @Test
  void anEmptyPostWithoutContentTypeStartsAnExportAsCurlDoes() {
    api.test(
        client -> {
          Answer answer =
              client.send(ICAL, request -> request.post(RouteClient.body(new byte[0], null)));

          assertThat(answer.status()).as(answer.body()).isEqualTo(202);
          assertThat(api.exports().list()).hasSize(1);
        });
  }

  @Test
  void statusRightAfterPostIsPending() {
    api.test(
        client -> {
          String taskId = createExport(client);

          JsonNode status = status(client, taskId);

          assertThat(status.get("task_id").asText()).isEqualTo(taskId);
          assertThat(status.get("task_status").asText()).isEqualTo("PENDING");
          assertThat(status.get("result_url").isNull()).isTrue();
          assertThat(status.get("status_url").asText())
              .isEqualTo(client.origin() + ICAL + "/" + taskId + "/status");
        });
  }

  @ParameterizedTest
  @CsvSource({
    "PENDING, PENDING",
    "RUNNING, STARTED",
    "RETRYING, RETRY",
    "FAILED, FAILURE",
    "CANCELLED, REVOKED"
  })
  void taskStatusFollowsTheResourcesPhase(ExportPhase phase, String taskStatus) {
    api.test(
        client -> {
          String taskId = createExport(client);
          api.exports().phase(taskId, phase, "the operator says so");

          JsonNode status = status(client, taskId);

          assertThat(status.get("task_status").asText()).isEqualTo(taskStatus);
          assertThat(status.get("result_url").isNull()).isTrue();
          assertThat(status.get("message").asText()).isEqualTo("the operator says so");
          assertThat(status.get("attempts").isInt()).isTrue();
        });
  }

  @Test
  void aRunningExportShowsTheProgressItsGeneratorReports() {
    api.test(
        client -> {
          String taskId = createExport(client);
          api.exports().phase(taskId, ExportPhase.RUNNING, null);
          api.progress().report(api.exports().uid(taskId), new ExportProgress(40, 100L));

          JsonNode progress = status(client, taskId).get("progress");

          assertThat(progress.get("written").asLong()).isEqualTo(40);
          assertThat(progress.get("total").asLong()).isEqualTo(100);
          api.exports().phase(taskId, ExportPhase.RETRYING, null);
          assertThat(status(client, taskId).get("progress").isNull()).isTrue();
        });
  }

  @Test
  void aFailedExportReportsWhyInStatusAndResult() {
    api.test(
        client -> {
          String taskId = createExport(client);
          api.exports().phase(taskId, ExportPhase.FAILED, "database unreachable after 3 attempts");

          JsonNode status = status(client, taskId);
          Answer result = client.get(ICAL + "/" + taskId + "/result");

          assertThat(status.get("error").asText())
              .isEqualTo("database unreachable after 3 attempts");
          assertThat(status.get("finished_at").asText()).isEqualTo("2026-04-03T14:00:05Z");
          assertThat(result.status()).isEqualTo(404);
          assertThat(result.error())
              .isEqualTo("Task failed: database unreachable after 3 attempts");
        });
  }

  @ParameterizedTest
  @CsvSource({"PENDING", "RUNNING", "RETRYING"})
  void theResultOfAnUnfinishedExportIsNotFound(ExportPhase phase) {
    api.test(
        client -> {
          String taskId = createExport(client);
          api.exports().phase(taskId, phase, null);

          Answer result = client.get(ICAL + "/" + taskId + "/result");

          assertThat(result.status()).isEqualTo(404);
          assertThat(result.body()).isEqualTo("{\"error\":\"Task not finished\"}");
        });
  }

  @Test
  void aSucceededExportServesItsCalendar() {
    api.test(
        client -> {
          String taskId = createExport(client);
          StoredCalendar stored = api.succeed(taskId, CALENDAR);

          JsonNode status = status(client, taskId);
          Answer result = client.get(ICAL + "/" + taskId + "/result");

          assertThat(status.get("task_status").asText()).isEqualTo("SUCCESS");
          assertThat(status.get("result_url").asText())
              .isEqualTo(client.origin() + ICAL + "/" + taskId + "/result");
          assertThat(status.get("events").asInt()).isEqualTo(1);
          assertThat(status.get("error").isNull()).isTrue();
          assertThat(result.status()).isEqualTo(200);
          assertThat(result.header("Content-Type")).isEqualTo("text/calendar; charset=utf-8");
          assertThat(result.header("Content-Disposition"))
              .isEqualTo("attachment; filename=\"" + taskId + ".ics\"");
          assertThat(result.header("ETag")).isEqualTo("\"" + stored.sha256() + "\"");
          assertThat(result.header("Cache-Control")).isEqualTo("no-cache");
          assertThat(result.body().getBytes(StandardCharsets.UTF_8))
              .isEqualTo(CALENDAR.getBytes(StandardCharsets.UTF_8));
        });
  }

  @Test
  void aMatchingIfNoneMatchAnswers304WithoutTheBody() {
    api.test(
        client -> {
          String taskId = createExport(client);
          String etag = "\"" + api.succeed(taskId, CALENDAR).sha256() + "\"";

          Answer unchanged =
              client.send(
                  ICAL + "/" + taskId + "/result",
                  request -> request.header("If-None-Match", etag));
          Answer stale =
              client.send(
                  ICAL + "/" + taskId + "/result",
                  request -> request.header("If-None-Match", "\"0000\""));

          assertThat(unchanged.status()).isEqualTo(304);
          assertThat(unchanged.body()).isEmpty();
          assertThat(unchanged.header("ETag")).isEqualTo(etag);
          assertThat(stale.status()).isEqualTo(200);
          assertThat(stale.body()).isEqualTo(CALENDAR);
        });
  }

  @Test
  void headAnswersLikeGetForStatusAndResult() {
    api.test(
        client -> {
          String pending = createExport(client);
          String done = createExport(client);
          api.succeed(done, CALENDAR);

          Answer result = client.head(ICAL + "/" + done + "/result");

          assertThat(client.head(ICAL + "/calx-doesnotexist/status").status()).isEqualTo(404);
          assertThat(client.head(ICAL + "/calx-doesnotexist/result").status()).isEqualTo(404);
          assertThat(client.head(ICAL + "/" + pending + "/status").status()).isEqualTo(200);
          assertThat(client.head(ICAL + "/" + pending + "/result").status()).isEqualTo(404);
          assertThat(result.status()).isEqualTo(200);
          assertThat(result.header("ETag")).isNotNull();
          assertThat(result.body()).isEmpty();
        });
  }

  @Test
  void theResultIsServedWithSecurityHeaders() {
    api.test(
        client -> {
          String taskId = createExport(client);
          api.succeed(taskId, CALENDAR);

          Answer result = client.get(ICAL + "/" + taskId + "/result");

          assertThat(result.status()).isEqualTo(200);
          assertThat(result.header("X-Content-Type-Options")).isEqualTo("nosniff");
          assertThat(result.header("Content-Security-Policy"))
              .contains("default-src 'none'", "frame-ancestors 'none'");
          assertThat(result.header("X-Frame-Options")).isEqualTo("DENY");
          assertThat(result.header("Referrer-Policy")).isEqualTo("no-referrer");
        });
  }

  @Test
  void anExpiredResultIsNotFound() {
    api.test(
        client -> {
          String taskId = createExport(client);
          api.succeed(taskId, CALENDAR);
          api.results().clear();

          Answer result = client.get(ICAL + "/" + taskId + "/result");

          assertThat(result.status()).isEqualTo(404);
          assertThat(result.error()).isEqualTo("Task result is no longer available");
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {"calx-doesnotexist", "Not_A_Name", "-leading-dash", "calx-%20"})
  void anUnknownTaskIdAnswersTaskNotFoundEverywhere(String taskId) {
    api.test(
        client -> {
          for (Answer answer :
              List.of(
                  client.get(ICAL + "/" + taskId + "/status"),
                  client.get(ICAL + "/" + taskId + "/result"),
                  client.get(ICAL + "/" + taskId + "/events"),
                  client.delete(ICAL + "/" + taskId))) {
            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.body()).isEqualTo("{\"error\":\"Task not found\"}");
          }
        });
  }

  @Test
  void theEventStreamOfAFinishedExportIsItsStatusOnceAndThenEnds() {
    api.test(
        client -> {
          String taskId = createExport(client);
          api.exports().phase(taskId, ExportPhase.FAILED, "no more room");

          Answer events = client.get(ICAL + "/" + taskId + "/events");

          assertThat(events.status()).isEqualTo(200);
          assertThat(events.header("Content-Type")).startsWith("text/event-stream");
          assertThat(events.header("Cache-Control")).isEqualTo("no-cache");
          // The same JSON as the status route, field for field.
          assertThat(events.body())
              .isEqualTo(
                  "event: status\nid: 1\ndata: "
                      + client.get(ICAL + "/" + taskId + "/status").body()
                      + "\n\n");
        });
  }

  @Test
  void theListShowsEveryExportNewestFirst() {
    api.test(
        client -> {
          String first = createExport(client);
          String second = createExport(client);
          String third = createExport(client);

          Answer answer = client.get(ICAL);

          assertThat(answer.status()).isEqualTo(200);
          assertThat(
                  StreamSupport.stream(answer.json().spliterator(), false)
                      .map(export -> export.get("task_id").asText()))
              .containsExactly(third, second, first);
        });
  }

  @Test
  void anExportCreatedElsewhereIsReadableThroughTheApi() {
    api.test(
        client -> {
          api.exports().createdElsewhere("weekly");

          assertThat(status(client, "weekly").get("task_status").asText()).isEqualTo("PENDING");
          assertThat(client.get(ICAL).body()).contains("\"weekly\"");
        });
  }

  @Test
  void cancellingAsksForItAndTheExportEndsRevoked() {
    api.test(
        client -> {
          String taskId = createExport(client);

          Answer answer = client.delete(ICAL + "/" + taskId);

          assertThat(answer.status()).isEqualTo(200);
          assertThat(answer.json().get("task_id").asText()).isEqualTo(taskId);
          assertThat(answer.json().get("cancel_requested").asBoolean()).isTrue();
          assertThat(status(client, taskId).get("cancel_requested").asBoolean()).isTrue();
          api.exports().phase(taskId, ExportPhase.CANCELLED, "Cancelled on request");
          Answer result = client.get(ICAL + "/" + taskId + "/result");
          assertThat(result.status()).isEqualTo(404);
          assertThat(result.error()).isEqualTo("Task was cancelled");
        });
  }

  @Test
  void cancellingAFinishedExportLeavesItAsItIs() {
    api.test(
        client -> {
          String taskId = createExport(client);
          api.succeed(taskId, CALENDAR);

          Answer answer = client.delete(ICAL + "/" + taskId);

          assertThat(answer.status()).isEqualTo(200);
          assertThat(answer.json().get("task_status").asText()).isEqualTo("SUCCESS");
          assertThat(answer.json().get("cancel_requested").asBoolean()).isFalse();
        });
  }

  @Test
  void pastTheLimitAPostAnswers429UntilAnExportFinishes() {
    api.test(
        client -> {
          String first = createExport(client);
          for (int i = 1; i < InMemoryApi.MAX_EXPORTS_IN_FLIGHT; i++) {
            createExport(client);
          }

          Answer refused = client.post(ICAL, "");

          assertThat(refused.status()).isEqualTo(429);
          assertThat(refused.header("Retry-After")).isNotNull();
          assertThat(refused.error()).contains("The export queue is full");
          api.exports().phase(first, ExportPhase.FAILED, "no more room");
          assertThat(client.post(ICAL, "").status()).isEqualTo(202);
        });
  }

  @ParameterizedTest(name = "Content-Type {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "text/plain                        | {}",
        "text/plain;charset=UTF-8          | ''",
        "application/x-www-form-urlencoded | calendar_name=x",
        "multipart/form-data; boundary=b   | --b--",
        "''                                | {}",
      })
  void aBodyNotDeclaredAsJsonAnswers415AndCreatesNothing(String contentType, String body) {
    api.test(
        client -> {
          Answer answer =
              client.send(
                  ICAL,
                  request ->
                      request.post(
                          RouteClient.body(
                              body.getBytes(StandardCharsets.UTF_8),
                              contentType.isEmpty() ? null : contentType)));

          assertThat(answer.status()).isEqualTo(415);
          assertThat(answer.error()).contains("application/json");
          assertThat(api.exports().list()).isEmpty();
        });
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "GET, '', 405",
    "HEAD, '', 405",
    "POST, '', 405",
    "GET, /status, 200",
    "HEAD, /status, 200",
    "POST, /status, 405",
    "GET, /result, 404",
  })
  void aMethodOverrideHeaderNeverCancelsAnExport(String method, String suffix, int expected) {
    api.test(
        client -> {
          String taskId = createExport(client);

          Answer answer =
              client.send(
                  ICAL + "/" + taskId + suffix,
                  request ->
                      overridden(request, method).header("X-HTTP-Method-Override", "DELETE"));

          assertThat(answer.status()).isEqualTo(expected);
          assertThat(api.exports().find(taskId).orElseThrow().getSpec().isCancelled()).isFalse();
        });
  }

  private static Request.Builder overridden(Request.Builder request, String method) {
    return switch (method) {
      case "GET" -> request.get();
      case "HEAD" -> request.head();
      default -> request.method(method, RouteClient.body(new byte[0], null));
    };
  }

  private static String createExport(RouteClient client) {
    Answer answer = client.post(ICAL, "");
    assertThat(answer.status()).as(answer.body()).isEqualTo(202);
    return answer.json().get("task_id").asText();
  }

  private static JsonNode status(RouteClient client, String taskId) {
    Answer answer = client.get(ICAL + "/" + taskId + "/status");
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json();
  }
}

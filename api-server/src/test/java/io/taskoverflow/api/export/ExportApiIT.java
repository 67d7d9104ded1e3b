package io.taskoverflow.api.export;

import static io.taskoverflow.api.TestApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation;
import io.taskoverflow.api.SharedKubernetes;
import io.taskoverflow.api.TestApi;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.spec.CalendarComponent;
import io.taskoverflow.model.spec.CalendarExportSpec;
import io.taskoverflow.model.status.ExportPhase;
import io.taskoverflow.schema.TestDatabase;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The export API (docs/api.md) against the real api-server on a real Kubernetes API server, as the
 * chart's api-server ServiceAccount; the test plays the operator and the generator. It keeps what
 * needs them: the CalendarExports created, the CRD's schema, the informer's view, the calendars in
 * PostgreSQL, the queue's limit under load. ExportRoutesTest checks the routes' own decisions.
 */
@ExtendWith(SharedKubernetes.class)
class ExportApiIT {

  private static final String ICAL = "/api/v1/todos/ical";
  private static final String CALENDAR_HEAD = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n";
  private static final String CALENDAR_BODY = "BEGIN:VEVENT\r\nSUMMARY:Café ☕\r\nEND:VEVENT\r\n";
  private static final String CALENDAR_TAIL = "END:VCALENDAR\r\n";

  /** The queue's capacity (MAX_EXPORTS_IN_FLIGHT), small enough for a test to fill. */
  private static final int LIMIT = 50;

  @RegisterExtension
  static final TestApi api =
      TestApi.perClass(Map.of("MAX_EXPORTS_IN_FLIGHT", Integer.toString(LIMIT)));

  private static final OperatorStandIn operator = new OperatorStandIn(api);

  @BeforeEach
  void noExportsAndNoCalendars() {
    api.deleteExportsAndAwaitNoneListed();
    TestDatabase.reset();
  }

  @Test
  void postAnswers202WithTheTaskIdAnAbsoluteTaskUrlAndLocation() {
    HttpResponse<String> response = api.post(ICAL, "");

    assertThat(response.statusCode()).isEqualTo(202);
    JsonNode body = json(response);
    String taskId = body.get("task_id").asText();
    assertThat(taskId).matches("calx-[a-z0-9]+");
    String taskUrl = api.baseUrl() + ICAL + "/" + taskId + "/status";
    assertThat(body.get("task_url").asText()).isEqualTo(taskUrl);
    assertThat(response.headers().firstValue("Location")).contains(taskUrl);

    CalendarExport export = operator.get(taskId);
    assertThat(export).isNotNull();
    assertThat(export.getSpec().getCalendarName())
        .isEqualTo(CalendarExportSpec.DEFAULT_CALENDAR_NAME);
    assertThat(export.getSpec().getComponent()).isEqualTo(CalendarComponent.VEVENT);
    assertThat(export.getSpec().getFilter()).isNull();
    assertThat(export.getSpec().isCancelled()).isFalse();
  }

  /**
   * The API's checks and the CRD's schema agree. A body the API refuses with 400 stands for a spec
   * that the API server refuses too (with strict field validation, as {@code kubectl apply} does),
   * so no CalendarExport the API server would reject is ever sent to it ...
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("bodiesWhoseSpecTheApiServerRejects")
  void aBodyWhoseSpecTheApiServerRejectsAnswers400AndCreatesNothing(
      String label, String body, String spec, String invalidField) {
    KubernetesClientException refusal = createDirectly(spec);
    HttpResponse<String> response = api.post(ICAL, body);

    assertThat(refusal).as("the API server's answer to the spec " + spec).isNotNull();
    // 422 Invalid for what the schema forbids, 400 for a field that strict decoding does not know.
    assertThat(refusal.getCode()).as(refusal.getMessage()).isIn(400, 422);
    assertThat(refusal.getMessage()).contains(invalidField);
    assertThat(response.statusCode()).as("the API's answer: " + response.body()).isEqualTo(400);
    assertThat(json(response).get("error").asText()).isNotBlank();
    assertThat(exportsInTheCluster()).isEmpty();
  }

  static Stream<Arguments> bodiesWhoseSpecTheApiServerRejects() {
    String tooLong = "x".repeat(256);
    return Stream.of(
        // The bodies of ExportRoutesTest.aBadBodyAnswers400AndCreatesNothing that stand for a spec.
        Arguments.of(
            "component VJOURNAL",
            "{\"component\":\"VJOURNAL\"}",
            "{\"component\":\"VJOURNAL\"}",
            "spec.component"),
        Arguments.of(
            "window -3",
            "{\"window\":-3}",
            "{\"filter\":{\"windowDays\":-3}}",
            "spec.filter.windowDays"),
        Arguments.of(
            "completed \"yes\"",
            "{\"completed\":\"yes\"}",
            "{\"filter\":{\"completed\":\"yes\"}}",
            "spec.filter.completed"),
        Arguments.of(
            "an unknown field", "{\"format\":\"ics\"}", "{\"format\":\"ics\"}", "spec.format"),
        // Just past the bounds.
        Arguments.of(
            "window 1.5",
            "{\"window\":1.5}",
            "{\"filter\":{\"windowDays\":1.5}}",
            "spec.filter.windowDays"),
        Arguments.of(
            "window 36501",
            "{\"window\":36501}",
            "{\"filter\":{\"windowDays\":36501}}",
            "spec.filter.windowDays"),
        Arguments.of(
            "an empty calendar name",
            "{\"calendar_name\":\"\"}",
            "{\"calendarName\":\"\"}",
            "spec.calendarName"),
        Arguments.of(
            "a calendar name of 256 characters",
            "{\"calendar_name\":\"" + tooLong + "\"}",
            "{\"calendarName\":\"" + tooLong + "\"}",
            "spec.calendarName"),
        Arguments.of(
            "a calendar name of 256 emoji",
            "{\"calendar_name\":\"" + "📅".repeat(256) + "\"}",
            "{\"calendarName\":\"" + "📅".repeat(256) + "\"}",
            "spec.calendarName"));
  }

  /** ... and the API refuses none that the API server accepts: at the bounds both take it. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("bodiesAtTheBounds")
  void aBodyAtTheBoundsCreatesTheExportItStandsFor(String label, String body, String spec) {
    KubernetesClientException refusal = createDirectly(spec);
    HttpResponse<String> response = api.post(ICAL, body);

    assertThat(refusal).as("the API server's answer to the spec " + spec).isNull();
    assertThat(response.statusCode()).as("the API's answer: " + response.body()).isEqualTo(202);
    JsonNode created =
        api.admin()
            .getKubernetesSerialization()
            .convertValue(
                operator.get(json(response).get("task_id").asText()).getSpec(), JsonNode.class);
    json(spec)
        .fields()
        .forEachRemaining(
            field ->
                assertThat(created.get(field.getKey()))
                    .as(field.getKey())
                    .isEqualTo(field.getValue()));
  }

  static Stream<Arguments> bodiesAtTheBounds() {
    String longest = "x".repeat(255);
    return Stream.of(
        Arguments.of("window 0", "{\"window\":0}", "{\"filter\":{\"windowDays\":0}}"),
        Arguments.of("window 36500", "{\"window\":36500}", "{\"filter\":{\"windowDays\":36500}}"),
        Arguments.of(
            "a calendar name of one character",
            "{\"calendar_name\":\"x\"}",
            "{\"calendarName\":\"x\"}"),
        Arguments.of(
            "a calendar name of 255 characters",
            "{\"calendar_name\":\"" + longest + "\"}",
            "{\"calendarName\":\"" + longest + "\"}"),
        // Both count characters, not UTF-16 units or bytes.
        Arguments.of(
            "a calendar name of 255 emoji",
            "{\"calendar_name\":\"" + "📅".repeat(255) + "\"}",
            "{\"calendarName\":\"" + "📅".repeat(255) + "\"}"),
        Arguments.of(
            "every field",
            "{\"calendar_name\":\"Uni\",\"completed\":true,\"window\":7,\"component\":\"VTODO\"}",
            "{\"calendarName\":\"Uni\",\"filter\":{\"completed\":true,\"windowDays\":7},\"component\":\"VTODO\"}"));
  }

  /** Creates the export as the api-server's account would, in a dry run; answers the refusal. */
  private static KubernetesClientException createDirectly(String spec) {
    GenericKubernetesResource export =
        new GenericKubernetesResourceBuilder()
            .withApiVersion(CalendarExport.GROUP + "/" + CalendarExport.VERSION)
            .withKind("CalendarExport")
            .withNewMetadata()
            .withName("schema-check")
            .withNamespace(TestApi.NAMESPACE)
            .endMetadata()
            .addToAdditionalProperties(
                "spec", api.admin().getKubernetesSerialization().unmarshal(spec, Map.class))
            .build();
    try {
      api.kubernetes()
          .apiServerClient()
          .resource(export)
          .dryRun()
          .fieldValidation(Validation.STRICT)
          .create();
      return null;
    } catch (KubernetesClientException e) {
      return e;
    }
  }

  @Test
  void statusRightAfterPostIsPendingNeverNotFound() {
    for (int i = 0; i < 10; i++) {
      String taskId = createExport();
      HttpResponse<String> status = api.get(ICAL + "/" + taskId + "/status");
      assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
      assertThat(json(status).get("task_status").asText()).isEqualTo("PENDING");
      assertThat(json(status).get("result_url").isNull()).isTrue();
    }
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
    String taskId = createExport();
    operator.phase(taskId, phase, "the operator says so");

    JsonNode status = awaitTaskStatus(taskId, taskStatus);
    assertThat(status.get("task_id").asText()).isEqualTo(taskId);
    assertThat(status.get("result_url").isNull()).isTrue();
    assertThat(status.get("message").asText()).isEqualTo("the operator says so");
    assertThat(status.get("attempts").isInt()).isTrue();
  }

  @Test
  void aFailedExportReportsWhyInStatusAndResult() {
    String taskId = createExport();
    operator.phase(taskId, ExportPhase.FAILED, "database unreachable after 3 attempts");

    awaitTaskStatus(taskId, "FAILURE");
    assertThat(status(taskId).get("error").asText())
        .isEqualTo("database unreachable after 3 attempts");
    assertThat(status(taskId).get("finished_at").asText()).isEqualTo("2026-04-03T14:00:05Z");

    assertResultNotFound(taskId, "Task failed: database unreachable after 3 attempts");
  }

  @Test
  void aSucceededExportStreamsItsCalendarInChunkOrder() {
    String taskId = createExport();
    String sha256 = operator.succeed(taskId, CALENDAR_HEAD, CALENDAR_BODY, CALENDAR_TAIL);

    JsonNode status = awaitTaskStatus(taskId, "SUCCESS");
    String resultUrl = api.baseUrl() + ICAL + "/" + taskId + "/result";
    assertThat(status.get("result_url").asText()).isEqualTo(resultUrl);
    assertThat(status.get("events").asInt()).isEqualTo(2);
    assertThat(status.get("started_at").asText()).isEqualTo("2026-04-03T14:00:00Z");
    assertThat(status.get("error").isNull()).isTrue();

    HttpResponse<byte[]> result =
        api.send(
            api.request(ICAL + "/" + taskId + "/result").GET(),
            HttpResponse.BodyHandlers.ofByteArray());

    assertThat(result.statusCode()).isEqualTo(200);
    assertThat(result.headers().firstValue("Content-Type"))
        .contains("text/calendar; charset=utf-8");
    assertThat(result.headers().firstValue("Content-Disposition"))
        .contains("attachment; filename=\"" + taskId + ".ics\"");
    assertThat(result.headers().firstValue("ETag")).contains("\"" + sha256 + "\"");
    assertThat(result.body())
        .isEqualTo(OperatorStandIn.concat(CALENDAR_HEAD, CALENDAR_BODY, CALENDAR_TAIL));
    assertThat(OperatorStandIn.sha256(result.body())).isEqualTo(sha256);
    assertThat(new String(result.body(), StandardCharsets.UTF_8)).contains("Café ☕");
  }

  @Test
  void anExpiredResultIsNotFound() {
    String taskId = createExport();
    operator.succeed(taskId, CALENDAR_HEAD, CALENDAR_TAIL);
    awaitTaskStatus(taskId, "SUCCESS");
    TestDatabase.reset();

    assertResultNotFound(taskId, "Task result is no longer available");
  }

  @Test
  void theListShowsEveryExportNewestFirstRightAway() {
    String first = createExport();
    String second = createExport();
    String third = createExport();

    HttpResponse<String> response = api.get(ICAL);

    assertThat(response.statusCode()).isEqualTo(200);
    List<String> ids =
        StreamSupport.stream(json(response).spliterator(), false)
            .map(export -> export.get("task_id").asText())
            .toList();
    assertThat(ids).containsExactly(third, second, first);
    assertThat(json(response).get(0).get("task_status").asText()).isEqualTo("PENDING");
  }

  @Test
  void cancellingSetsSpecCancelledAndTheExportEndsRevoked() {
    String taskId = createExport();

    HttpResponse<String> response = api.delete(ICAL + "/" + taskId);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).get("task_id").asText()).isEqualTo(taskId);
    assertThat(json(response).get("cancel_requested").asBoolean()).isTrue();
    assertThat(status(taskId).get("cancel_requested").asBoolean()).isTrue();
    assertThat(operator.get(taskId).getSpec().isCancelled()).isTrue();

    operator.phase(taskId, ExportPhase.CANCELLED, "Cancelled on request");
    awaitTaskStatus(taskId, "REVOKED");
    assertResultNotFound(taskId, "Task was cancelled");
  }

  @Test
  void cancellingAFinishedExportLeavesItAsItIs() {
    String taskId = createExport();
    operator.succeed(taskId, CALENDAR_HEAD, CALENDAR_TAIL);
    awaitTaskStatus(taskId, "SUCCESS");

    HttpResponse<String> response = api.delete(ICAL + "/" + taskId);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).get("task_status").asText()).isEqualTo("SUCCESS");
    assertThat(operator.get(taskId).getSpec().isCancelled()).isFalse();
  }

  @Test
  void anExportCreatedWithKubectlIsReadableThroughTheApi() {
    CalendarExport export = new CalendarExport();
    export.getMetadata().setName("weekly");
    export.setSpec(new CalendarExportSpec());
    api.exportsAsAdmin().resource(export).create();

    HttpResponse<String> response = api.get(ICAL + "/weekly/status");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).get("task_status").asText()).isEqualTo("PENDING");
    await().untilAsserted(() -> assertThat(api.get(ICAL).body()).contains("\"weekly\""));
  }

  @Test
  void aBurstOfExportsPastTheLimitGets429AndLosesNone() throws Exception {
    int burst = 200;
    List<HttpResponse<String>> answers = new ArrayList<>();
    ExecutorService clients = Executors.newFixedThreadPool(50);
    try {
      List<Future<HttpResponse<String>>> futures = new ArrayList<>();
      for (int i = 0; i < burst; i++) {
        futures.add(clients.submit(() -> api.post(ICAL, "")));
      }
      for (Future<HttpResponse<String>> future : futures) {
        answers.add(future.get());
      }
    } finally {
      clients.shutdownNow();
    }

    Map<Integer, Long> byStatus =
        answers.stream()
            .collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
    List<String> accepted =
        answers.stream()
            .filter(answer -> answer.statusCode() == 202)
            .map(answer -> json(answer).get("task_id").asText())
            .toList();
    System.out.printf("A burst of %d exports (limit %d): %s%n", burst, LIMIT, byStatus);
    assertThat(byStatus).containsOnlyKeys(202, 429);
    assertThat(accepted).hasSize(LIMIT).doesNotHaveDuplicates();
    for (HttpResponse<String> refused : answers) {
      if (refused.statusCode() == 429) {
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(json(refused).get("error").asText()).contains("The export queue is full");
      }
    }
    assertThat(exportsInTheCluster())
        .extracting(export -> export.getMetadata().getName())
        .containsExactlyInAnyOrderElementsOf(accepted);
  }

  @Test
  void aFinishedExportMakesRoomForANewOne() {
    List<String> taskIds = new ArrayList<>();
    for (int i = 0; i < LIMIT; i++) {
      taskIds.add(createExport());
    }
    assertThat(api.post(ICAL, "").statusCode()).isEqualTo(429);

    operator.phase(taskIds.get(0), ExportPhase.FAILED, "no more room");
    operator.phase(taskIds.get(1), ExportPhase.CANCELLED, "cancelled");

    await()
        .untilAsserted(
            () ->
                assertThat(status(taskIds.get(1)).get("task_status").asText())
                    .isEqualTo("REVOKED"));
    assertThat(api.post(ICAL, "").statusCode()).isEqualTo(202);
    assertThat(api.post(ICAL, "").statusCode()).isEqualTo(202);
    assertThat(api.post(ICAL, "").statusCode()).isEqualTo(429);
  }

  private static List<CalendarExport> exportsInTheCluster() {
    return api.exportsAsAdmin().list().getItems();
  }

  private static String createExport() {
    HttpResponse<String> response = api.post(ICAL, "");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return json(response).get("task_id").asText();
  }

  /** Waits for the status route to answer the task status; the status it then answers. */
  private static JsonNode awaitTaskStatus(String taskId, String taskStatus) {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> assertThat(status(taskId).get("task_status").asText()).isEqualTo(taskStatus));
    return status(taskId);
  }

  private static void assertResultNotFound(String taskId, String error) {
    HttpResponse<String> result = api.get(ICAL + "/" + taskId + "/result");
    assertThat(result.statusCode()).isEqualTo(404);
    assertThat(json(result).get("error").asText()).isEqualTo(error);
  }

  private static JsonNode status(String taskId) {
    HttpResponse<String> response = api.get(ICAL + "/" + taskId + "/status");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response);
  }
}

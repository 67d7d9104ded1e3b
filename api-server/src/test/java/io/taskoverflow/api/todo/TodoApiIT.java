package io.taskoverflow.api.todo;

import static io.taskoverflow.api.TestApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskoverflow.api.SharedKubernetes;
import io.taskoverflow.api.TestApi;
import io.taskoverflow.schema.TestDatabase;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The todo API (docs/api.md) against the real server, real PostgreSQL. */
@ExtendWith(SharedKubernetes.class)
class TodoApiIT {

  private static final String TODOS = "/api/v1/todos";
  private static final String ISOFORMAT = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{6})?";

  @RegisterExtension static final TestApi api = TestApi.perClass();

  @BeforeEach
  void emptyDatabase() {
    TestDatabase.reset();
  }

  @Test
  void healthAnswersOk() {
    HttpResponse<String> response = api.get("/api/v1/health");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"status\":\"ok\"}");
  }

  @Test
  void createdTodoHasExactlyTheSevenFieldsWithDefaults() {
    HttpResponse<String> response = api.post(TODOS, "{\"title\":\"Buy milk\"}");

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    JsonNode todo = json(response);
    assertThat(fieldNames(todo))
        .containsExactly(
            "id", "title", "description", "completed", "deadline_at", "created_at", "updated_at");
    assertThat(todo.get("id").isInt()).isTrue();
    assertThat(todo.get("title").asText()).isEqualTo("Buy milk");
    assertThat(todo.get("description").isNull()).isTrue();
    assertThat(todo.get("completed").isBoolean()).isTrue();
    assertThat(todo.get("completed").asBoolean()).isFalse();
    assertThat(todo.get("deadline_at").isNull()).isTrue();
    assertThat(todo.get("created_at").asText()).matches(ISOFORMAT);
    assertThat(todo.get("updated_at").asText()).isEqualTo(todo.get("created_at").asText());
    assertThat(json(api.get(TODOS + "/" + todo.get("id").asInt()))).isEqualTo(todo);
  }

  @ParameterizedTest(name = "{0} is stored as {1}")
  @CsvSource({
    "2026-04-03 14:00:00.000, 2026-04-03T14:00:00",
    "2026-04-03T14:00:00, 2026-04-03T14:00:00",
    "2026-04-03T14:00, 2026-04-03T14:00:00",
    "2026-04-03T14:00:00.5, 2026-04-03T14:00:00.500000",
    "2026-04-03 09:05:07.123456, 2026-04-03T09:05:07.123456",
  })
  void deadlinesAreReadInEitherFormAndWrittenLikePythonIsoformat(String input, String output) {
    JsonNode todo = json(api.post(TODOS, "{\"title\":\"t\",\"deadline_at\":\"" + input + "\"}"));
    assertThat(todo.get("deadline_at").asText()).isEqualTo(output);
    assertThat(json(api.get(TODOS)).get(0).get("deadline_at").asText()).isEqualTo(output);
  }

  @Test
  void serverTimestampsNeverCarryAZeroFraction() {
    for (int i = 0; i < 5; i++) {
      JsonNode todo = json(api.post(TODOS, "{\"title\":\"t\"}"));
      assertThat(todo.get("created_at").asText()).matches(ISOFORMAT).doesNotEndWith(".000000");
    }
  }

  @Test
  void listIsInAscendingIdOrderEvenAfterUpdates() {
    int first = create("{\"title\":\"one\"}");
    int second = create("{\"title\":\"two\"}");
    int third = create("{\"title\":\"three\"}");
    // PostgreSQL moves an updated row to the end of the heap: only ORDER BY keeps the order.
    api.put(TODOS + "/" + first, "{\"completed\":true}");

    assertThat(ids(api.get(TODOS))).containsExactly(first, second, third);
  }

  @Test
  void completedFilterKeepsOnlyMatchingTodos() {
    int open = create("{\"title\":\"open\"}");
    int done = create("{\"title\":\"done\",\"completed\":true}");

    assertThat(ids(api.get(TODOS + "?completed=true"))).containsExactly(done);
    assertThat(ids(api.get(TODOS + "?completed=false"))).containsExactly(open);
    assertThat(ids(api.get(TODOS))).containsExactly(open, done);
  }

  @Test
  void windowKeepsOverdueAndSoonDueTodosButNotUndatedOnes() {
    int overdue = create(withDeadline("overdue", LocalDateTime.now().minusDays(2), false));
    int soon = create(withDeadline("soon", LocalDateTime.now().plusDays(3), false));
    create(withDeadline("later", LocalDateTime.now().plusDays(10), false));
    create("{\"title\":\"undated\"}");

    assertThat(ids(api.get(TODOS + "?window=5"))).containsExactly(overdue, soon);
    assertThat(ids(api.get(TODOS + "?window=0"))).containsExactly(overdue);
    assertThat(ids(api.get(TODOS + "?window=36500"))).hasSize(3);
  }

  // The export body and feed.ics bound the window at 36500 days; so does the list.
  @ParameterizedTest
  @ValueSource(strings = {"36501", "999999999", "99999999999999999999"})
  void aWindowBeyondTheExportsBoundAnswers400(String window) {
    create(withDeadline("soon", LocalDateTime.now().plusDays(1), false));

    HttpResponse<String> response = api.get(TODOS + "?window=" + window);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("error").asText())
        .isEqualTo("window must be a whole number of days from 0 to 36500, got '" + window + "'");
  }

  // As feed.ics: one value per parameter, so no two layers can read different ones.
  @ParameterizedTest
  @CsvSource({
    "window=1&window=2,                 window",
    "window=3&window=3,                 window",
    "completed=true&completed=false,    completed",
    "completed=true&window=1&completed=true, completed",
  })
  void aRepeatedFilterAnswers400(String query, String name) {
    create("{\"title\":\"exists\"}");

    HttpResponse<String> response = api.get(TODOS + "?" + query);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body())
        .isEqualTo("{\"error\":\"Query parameter " + name + " is given more than once\"}");
    assertThat(head(TODOS + "?" + query).statusCode()).isEqualTo(400);
  }

  @Test
  void completedAndWindowCombine() {
    create(withDeadline("open soon", LocalDateTime.now().plusDays(1), false));
    int doneSoon = create(withDeadline("done soon", LocalDateTime.now().plusDays(1), true));
    create(withDeadline("done later", LocalDateTime.now().plusDays(30), true));
    create("{\"title\":\"done undated\",\"completed\":true}");

    assertThat(ids(api.get(TODOS + "?completed=true&window=7"))).containsExactly(doneSoon);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "completed=yes",
        "completed=1",
        "completed=",
        "window=-1",
        "window=abc",
        "window=1.5",
        "window=",
        "completed=true&window=x"
      })
  void invalidFiltersAnswer400(String query) {
    HttpResponse<String> response = api.get(TODOS + "?" + query);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("error").asText()).matches("(completed|window) must be .*");
  }

  @ParameterizedTest
  @ValueSource(strings = {"999", "abc", "1.5", "-1", "99999999999999"})
  void unknownOrNonIntegerIdAnswersTodoNotFound(String id) {
    create("{\"title\":\"exists\"}");
    HttpResponse<String> response = api.get(TODOS + "/" + id);
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).isEqualTo("{\"error\":\"Todo not found\"}");
  }

  // Only the canonical decimal spelling names a todo: 01, +1 and " 1" are not todo 1.
  @ParameterizedTest
  @ValueSource(strings = {"0%d", "00%d", "+%d", "%%20%d", "%d%%20"})
  void aNonCanonicalIdNamesNoTodo(String format) {
    int id = create("{\"title\":\"exists\"}");
    List<List<Object>> before = rows();
    String path = TODOS + "/" + String.format(format, id);

    HttpResponse<String> get = api.get(path);
    HttpResponse<String> put = api.put(path, "{\"title\":\"changed\"}");
    HttpResponse<String> delete = api.delete(path);

    for (HttpResponse<String> response : List.of(get, put, delete)) {
      assertThat(response.statusCode()).as(response.request().method()).isEqualTo(404);
      assertThat(response.body()).isEqualTo("{\"error\":\"Todo not found\"}");
    }
    assertThat(rows()).isEqualTo(before);
    assertThat(api.get(TODOS + "/" + id).statusCode()).isEqualTo(200);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "not json                                     | Request body is not valid JSON",
        "{\"title\": \"unterminated                   | Request body is not valid JSON",
        "{\"title\":\"a\"} trailing                   | Request body is not valid JSON",
        "{\"title\":\"a\",\"title\":\"b\"}            | Request body is not valid JSON",
        "[{\"title\":\"in an array\"}]                | Request body must be a JSON object, not an array",
        "null                                         | Request body must be a JSON object, not null",
        "\"a string\"                                 | Request body must be a JSON object, not a string",
        "``                                           | Request body must be a JSON object, but it is empty",
        "{}                                           | title is required",
        "{\"title\":\"\"}                             | title must not be blank",
        "{\"title\":\"  \"}                           | title must not be blank",
        "{\"title\":null}                             | title must be a string, not null",
        "{\"title\":42}                               | title must be a string, not a number",
        "{\"title\":\"a\",\"id\":7}                   | Unknown field 'id'",
        "{\"title\":\"a\",\"priority\":1}             | Unknown field 'priority'",
        "{\"title\":\"a\",\"completed\":\"true\"}     | completed must be true or false, not a string",
        "{\"title\":\"a\",\"completed\":null}         | completed must be true or false, not null",
        "{\"title\":\"a\",\"description\":[]}        | description must be a string or null, not an array",
        "{\"title\":\"a\",\"deadline_at\":\"friday\"} | deadline_at must be a date and time",
        "{\"title\":\"a\",\"deadline_at\":\"\"}       | deadline_at must be a date and time",
        "{\"title\":\"a\",\"deadline_at\":1712152800} | deadline_at must be a string or null, not a number",
      })
  void invalidNewTodosAnswer400AndStoreNothing(String body, String message) {
    HttpResponse<String> response = api.post(TODOS, body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(fieldNames(json(response))).containsExactly("error");
    assertThat(json(response).get("error").asText()).startsWith(message);
    assertThat(rows()).isEmpty();
  }

  @Test
  void titleAndDescriptionLengthsAreCheckedInCharacters() {
    assertThat(api.post(TODOS, "{\"title\":\"" + "é".repeat(80) + "\"}").statusCode())
        .isEqualTo(201);
    assertThat(
            api.post(TODOS, "{\"title\":\"t\",\"description\":\"" + "😀".repeat(120) + "\"}")
                .statusCode())
        .isEqualTo(201);

    HttpResponse<String> longTitle = api.post(TODOS, "{\"title\":\"" + "x".repeat(81) + "\"}");
    HttpResponse<String> longDescription =
        api.post(TODOS, "{\"title\":\"t\",\"description\":\"" + "x".repeat(121) + "\"}");

    assertThat(longTitle.statusCode()).isEqualTo(400);
    assertThat(json(longTitle).get("error").asText())
        .isEqualTo("title must be at most 80 characters long (it has 81)");
    assertThat(longDescription.statusCode()).isEqualTo(400);
    assertThat(json(longDescription).get("error").asText())
        .isEqualTo("description must be at most 120 characters long (it has 121)");
    assertThat(rows()).hasSize(2);
  }

  @Test
  void aBodyOverTheLimitAnswers413AndStoresNothing() {
    String huge =
        "{\"title\":\"t\",\"description\":\"" + "x".repeat((int) TestApi.MAX_BODY_BYTES) + "\"}";

    HttpResponse<String> declared = api.post(TODOS, huge);
    HttpResponse<String> chunked =
        api.send(
            api.request(TODOS)
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(huge.getBytes()))));

    assertThat(declared.statusCode()).isEqualTo(413);
    assertThat(json(declared).get("error").asText()).contains("limit of 4096 bytes");
    assertThat(chunked.statusCode()).isEqualTo(413);
    assertThat(json(chunked).has("error")).isTrue();
    assertThat(rows()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "She said \\\"hi\\\" and left",
        "Robert'); DROP TABLE todos;--",
        "emoji 🎉🚀 and CJK 日本語 and RTL עברית",
        "back\\\\slash and new\\nline and tab\\t",
        "<script>alert(1)</script>"
      })
  void textIsStoredAndReturnedVerbatim(String jsonEscaped) {
    JsonNode created =
        json(
            api.post(
                TODOS,
                "{\"title\":\"" + jsonEscaped + "\",\"description\":\"" + jsonEscaped + "\"}"));
    String expected = TestApi.json("\"" + jsonEscaped + "\"").asText();

    JsonNode read = json(api.get(TODOS + "/" + created.get("id").asInt()));
    assertThat(read.get("title").asText()).isEqualTo(expected);
    assertThat(read.get("description").asText()).isEqualTo(expected);
    assertThat(ids(api.get(TODOS))).hasSize(1);
  }

  @Test
  void putChangesOnlyTheGivenFieldsAndStampsUpdatedAt() {
    JsonNode before =
        json(
            api.post(
                TODOS,
                "{\"title\":\"Draft\",\"description\":\"d\",\"deadline_at\":\"2026-04-03T14:00:00\"}"));
    int id = before.get("id").asInt();

    HttpResponse<String> response =
        api.put(TODOS + "/" + id, "{\"title\":\"Final\",\"completed\":true}");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode after = json(response);
    assertThat(fieldNames(after)).hasSize(7);
    assertThat(after.get("title").asText()).isEqualTo("Final");
    assertThat(after.get("completed").asBoolean()).isTrue();
    assertThat(after.get("description")).isEqualTo(before.get("description"));
    assertThat(after.get("deadline_at")).isEqualTo(before.get("deadline_at"));
    assertThat(after.get("created_at")).isEqualTo(before.get("created_at"));
    assertThat(LocalDateTime.parse(after.get("updated_at").asText()))
        .isAfter(LocalDateTime.parse(before.get("updated_at").asText()));
    assertThat(json(api.get(TODOS + "/" + id))).isEqualTo(after);
  }

  @Test
  void putWithNullClearsTheDescriptionAndDeadline() {
    int id =
        create("{\"title\":\"t\",\"description\":\"d\",\"deadline_at\":\"2026-04-03T14:00:00\"}");

    JsonNode after = json(api.put(TODOS + "/" + id, "{\"description\":null,\"deadline_at\":null}"));

    assertThat(after.get("description").isNull()).isTrue();
    assertThat(after.get("deadline_at").isNull()).isTrue();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "{\"id\":2}                          | Unknown field 'id'",
        "{\"id\":1,\"title\":\"new\"}        | Unknown field 'id'",
        "{\"title\":\"new\",\"owner\":\"x\"} | Unknown field 'owner'",
        "{\"title\":\"\"}                    | title must not be blank",
        "{\"title\":null}                    | title must be a string, not null",
        "{\"completed\":\"yes\"}             | completed must be true or false",
        "{\"deadline_at\":\"31/12/2026\"}    | deadline_at must be a date and time",
        "[]                                  | Request body must be a JSON object",
        "nope                                | Request body is not valid JSON",
      })
  void invalidUpdatesAnswer400AndLeaveTheRecordUnchanged(String body, String message) {
    int id = create("{\"title\":\"original\",\"description\":\"kept\"}");
    List<List<Object>> before = rows();

    HttpResponse<String> response = api.put(TODOS + "/" + id, body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("error").asText()).startsWith(message);
    assertThat(rows()).isEqualTo(before);
  }

  @ParameterizedTest
  @ValueSource(strings = {"999", "abc"})
  void updatingAnUnknownTodoAnswers404(String id) {
    HttpResponse<String> response = api.put(TODOS + "/" + id, "{\"title\":\"x\"}");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).isEqualTo("{\"error\":\"Todo not found\"}");
    assertThat(rows()).isEmpty();
  }

  @Test
  void deleteAnswersTheDeletedTodoAndRemovesIt() {
    JsonNode created = json(api.post(TODOS, "{\"title\":\"gone soon\"}"));
    int id = created.get("id").asInt();

    HttpResponse<String> response = api.delete(TODOS + "/" + id);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response)).isEqualTo(created);
    assertThat(api.get(TODOS + "/" + id).statusCode()).isEqualTo(404);
    assertThat(rows()).isEmpty();
  }

  @Test
  void deletingAMissingTodoStillAnswers200WithAnEmptyObject() {
    HttpResponse<String> response = api.delete(TODOS + "/12345");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{}");
  }

  @Test
  void unknownApiRoutesAnswer404InJson() {
    HttpResponse<String> response = api.get("/api/v1/nothing-here");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response).get("error").asText()).isNotBlank();
  }

  // A 404 never echoes the request path back (Javalin's own says "Endpoint GET /… not found").
  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/v1/echo-marker-7q",
        "/api/v1/todos/1/echo-marker-7q",
        "/api/v1/todos/echo-marker-7q",
        "/api/v1/todos/ical/echo-marker-7q/status",
        "/api/v1/todos/ical/echo-marker-7q/result",
        "/echo-marker-7q",
        "/echo-marker-7q.html",
      })
  void aNotFoundAnswerNeverEchoesThePath(String path) {
    HttpResponse<String> response = api.get(path);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response).get("error").asText()).isNotBlank();
    assertThat(response.body()).doesNotContain("echo-marker").doesNotContain("/api");
    assertThat(
            String.join(
                "\n", response.headers().map().values().stream().flatMap(List::stream).toList()))
        .doesNotContain("echo-marker");
  }

  @ParameterizedTest(name = "{0} with {1}: {2}")
  @CsvSource({
    "GET, X-HTTP-Method-Override, DELETE",
    "GET, X-HTTP-Method-Override, PUT",
    "HEAD, X-HTTP-Method-Override, DELETE",
    "POST, X-HTTP-Method-Override, DELETE",
    "POST, X-HTTP-Method-Override, PUT",
    "GET, X-HTTP-Method, DELETE",
    "POST, X-Method-Override, PUT",
  })
  void aMethodOverrideHeaderNeverDeletesOrChangesATodo(
      String method, String header, String override) {
    int id = create("{\"title\":\"original\"}");
    List<List<Object>> before = rows();
    String body = method.equals("POST") ? "{\"title\":\"changed\"}" : "";

    HttpResponse<String> response =
        api.send(
            api.request(TODOS + "/" + id)
                .header(header, override)
                .method(
                    method,
                    body.isEmpty()
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)));

    // Only the real method counts: GET and HEAD read, POST is not a method of /todos/{id}.
    assertThat(response.statusCode()).isEqualTo(method.equals("POST") ? 405 : 200);
    assertThat(rows()).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0} with Content-Type {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "POST | text/plain",
        "POST | text/plain;charset=UTF-8",
        "POST | application/x-www-form-urlencoded",
        "POST | multipart/form-data; boundary=x",
        "POST | application/json; charset=iso-8859-1",
        "POST | application/jsonp",
        "POST | ''",
        "PUT  | text/plain",
        "PUT  | application/x-www-form-urlencoded",
        "PUT  | ''",
      })
  void aBodyNotDeclaredAsJsonAnswers415AndChangesNothing(String method, String contentType) {
    int id = create("{\"title\":\"original\"}");
    List<List<Object>> before = rows();
    String path = method.equals("POST") ? TODOS : TODOS + "/" + id;
    HttpRequest.Builder request =
        HttpRequest.newBuilder(java.net.URI.create(api.baseUrl() + path))
            .method(method, HttpRequest.BodyPublishers.ofString("{\"title\":\"sneaked in\"}"));
    if (!contentType.isEmpty()) {
      request.header("Content-Type", contentType);
    }

    HttpResponse<String> response = api.send(request);

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(fieldNames(json(response))).containsExactly("error");
    assertThat(json(response).get("error").asText())
        .containsAnyOf("Content-Type must be application/json", "JSON bodies must be UTF-8");
    assertThat(rows()).isEqualTo(before);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/json; charset=UTF-8",
        "Application/JSON;charset=\"utf-8\"",
        "application/json ; charset=utf8"
      })
  void jsonWithAUtf8CharsetParameterIsAccepted(String contentType) {
    HttpResponse<String> response =
        api.send(
            api.request(TODOS)
                .setHeader("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"t\"}")));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  @Test
  void headAnswersLikeGetWithoutABody() {
    int id = create("{\"title\":\"exists\"}");

    HttpResponse<String> existing = head(TODOS + "/" + id);
    HttpResponse<String> missing = head(TODOS + "/999");
    HttpResponse<String> notAnId = head(TODOS + "/abc");
    HttpResponse<String> badFilter = head(TODOS + "?completed=maybe");

    assertThat(existing.statusCode()).isEqualTo(200);
    assertThat(existing.body()).isEmpty();
    assertThat(existing.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(notAnId.statusCode()).isEqualTo(404);
    assertThat(badFilter.statusCode()).isEqualTo(400);
    assertThat(head(TODOS).statusCode()).isEqualTo(200);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "PATCH  | /api/v1/todos/1 | GET, HEAD, PUT, DELETE, OPTIONS",
        "POST   | /api/v1/todos/1 | GET, HEAD, PUT, DELETE, OPTIONS",
        "DELETE | /api/v1/todos   | GET, HEAD, POST, OPTIONS",
        "PUT    | /api/v1/todos   | GET, HEAD, POST, OPTIONS",
        "POST   | /api/v1/health  | GET, HEAD, OPTIONS",
      })
  void aWrongMethodAnswers405WithAllow(String method, String path, String allow) {
    create("{\"title\":\"exists\"}");
    List<List<Object>> before = rows();

    HttpResponse<String> response =
        api.send(
            api.request(path)
                .method(method, HttpRequest.BodyPublishers.ofString("{\"title\":\"x\"}")));

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).isPresent();
    assertThat(response.headers().firstValue("Allow").orElseThrow().split(", "))
        .containsExactlyInAnyOrder(allow.split(", "));
    assertThat(json(response).get("error").asText()).contains(method, "not allowed");
    assertThat(rows()).isEqualTo(before);
  }

  @ParameterizedTest(name = "U+{0}")
  @ValueSource(
      strings = {
        "00A0",
        "200B",
        "3000",
        "2007",
        "202F",
        "FEFF",
        "2060",
        "200D",
        "3164",
        "00A0 200B 3000"
      })
  void aTitleOfOnlyInvisibleCharactersIsBlank(String codePoints) {
    StringBuilder title = new StringBuilder();
    for (String hex : codePoints.split(" ")) {
      title.appendCodePoint(Integer.parseInt(hex, 16));
    }
    HttpResponse<String> created = api.post(TODOS, "{\"title\":\"" + title + "\"}");
    int id = create("{\"title\":\"visible\"}");
    HttpResponse<String> updated = api.put(TODOS + "/" + id, "{\"title\":\"" + title + "\"}");

    assertThat(created.statusCode()).isEqualTo(400);
    assertThat(json(created).get("error").asText()).isEqualTo("title must not be blank");
    assertThat(updated.statusCode()).isEqualTo(400);
    assertThat(rows()).hasSize(1);
  }

  @Test
  void visibleTextAroundUnicodeSpacesIsKept() {
    JsonNode todo = json(api.post(TODOS, "{\"title\":\"\u00a0milk\u3000\"}"));
    assertThat(todo.get("title").asText()).isEqualTo("\u00a0milk\u3000");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "an overlong slash (C0 AF), C0AF",
    "an overlong NUL (C0 80), C080",
    "a three-byte overlong slash (E0 80 AF), E080AF",
    "CESU-8 for U+1F600 (a surrogate pair encoded one by one), EDA0BDEDB880",
    "a lone surrogate (ED A0 80), EDA080",
    "a byte that never occurs in UTF-8 (FF), FF",
    "a truncated sequence (E2 82), E282",
  })
  void aBodyThatIsNotWellFormedUtf8Answers400(String label, String hex) {
    byte[] prefix = "{\"title\":\"a".getBytes(StandardCharsets.UTF_8);
    byte[] bad = java.util.HexFormat.of().parseHex(hex);
    byte[] suffix = "\"}".getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[prefix.length + bad.length + suffix.length];
    System.arraycopy(prefix, 0, body, 0, prefix.length);
    System.arraycopy(bad, 0, body, prefix.length, bad.length);
    System.arraycopy(suffix, 0, body, prefix.length + bad.length, suffix.length);

    HttpResponse<String> response =
        api.send(api.request(TODOS).POST(HttpRequest.BodyPublishers.ofByteArray(body)));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("error").asText()).isEqualTo("Request body is not valid UTF-8");
    assertThat(rows()).isEmpty();
  }

  private static HttpResponse<String> head(String path) {
    return api.send(api.request(path).method("HEAD", HttpRequest.BodyPublishers.noBody()));
  }

  private static int create(String body) {
    HttpResponse<String> response = api.post(TODOS, body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return json(response).get("id").asInt();
  }

  private static String withDeadline(String title, LocalDateTime deadline, boolean completed) {
    return "{\"title\":\""
        + title
        + "\",\"completed\":"
        + completed
        + ",\"deadline_at\":\""
        + IsoTimestamps.format(deadline)
        + "\"}";
  }

  private static List<Integer> ids(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return StreamSupport.stream(json(response).spliterator(), false)
        .map(todo -> todo.get("id").asInt())
        .toList();
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  /** Every todo row, straight from the database. */
  private static List<List<Object>> rows() {
    try (Connection connection = TestDatabase.dataSource().getConnection();
        ResultSet rows =
            connection.createStatement().executeQuery("SELECT * FROM todos ORDER BY id")) {
      ResultSetMetaData meta = rows.getMetaData();
      List<List<Object>> all = new ArrayList<>();
      while (rows.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.add(rows.getObject(i));
        }
        all.add(row);
      }
      return all;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}

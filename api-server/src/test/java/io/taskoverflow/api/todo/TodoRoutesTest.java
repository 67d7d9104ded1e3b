package io.taskoverflow.api.todo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskoverflow.api.Answer;
import io.taskoverflow.api.InMemoryApi;
import io.taskoverflow.api.RouteClient;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The todo routes (docs/api.md) on an in-memory store: everything the routes decide before the
 * store is asked. TodoApiIT keeps what needs PostgreSQL (its SQL, ordering, timestamps, text).
 */
class TodoRoutesTest {

  private static final String TODOS = "/api/v1/todos";
  private static final String ISOFORMAT = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{6})?";
  private static final String NOT_FOUND = "{\"error\":\"Todo not found\"}";

  @RegisterExtension final InMemoryApi api = new InMemoryApi();

  @Test
  void createdTodoHasExactlyTheSevenFieldsWithDefaults() {
    api.test(
        client -> {
          Answer created = client.post(TODOS, "{\"title\":\"Buy milk\"}");

          assertThat(created.status()).isEqualTo(201);
          assertThat(created.header("Content-Type")).startsWith("application/json");
          JsonNode todo = created.json();
          assertThat(fieldNames(todo))
              .containsExactly(
                  "id",
                  "title",
                  "description",
                  "completed",
                  "deadline_at",
                  "created_at",
                  "updated_at");
          assertThat(todo.get("id").isInt()).isTrue();
          assertThat(todo.get("title").asText()).isEqualTo("Buy milk");
          assertThat(todo.get("description").isNull()).isTrue();
          assertThat(todo.get("completed").asBoolean()).isFalse();
          assertThat(todo.get("deadline_at").isNull()).isTrue();
          assertThat(todo.get("created_at").asText()).matches(ISOFORMAT);
          assertThat(todo.get("updated_at")).isEqualTo(todo.get("created_at"));
          assertThat(client.get(TODOS + "/" + todo.get("id").asInt()).json()).isEqualTo(todo);
        });
  }

  @Test
  void theListIsInAscendingIdOrder() {
    api.test(
        client -> {
          int first = create(client, "{\"title\":\"one\"}");
          int second = create(client, "{\"title\":\"two\"}");
          client.put(TODOS + "/" + first, "{\"completed\":true}");

          assertThat(ids(client.get(TODOS))).containsExactly(first, second);
        });
  }

  @Test
  void completedAndWindowFilterTheList() {
    api.test(
        client -> {
          int overdue = create(client, withDeadline("overdue", -2, false));
          int soon = create(client, withDeadline("soon", 3, true));
          int later = create(client, withDeadline("later", 10, false));
          int undated = create(client, "{\"title\":\"undated\"}");

          assertThat(ids(client.get(TODOS + "?completed=true"))).containsExactly(soon);
          assertThat(ids(client.get(TODOS + "?completed=false")))
              .containsExactly(overdue, later, undated);
          assertThat(ids(client.get(TODOS + "?window=5"))).containsExactly(overdue, soon);
          assertThat(ids(client.get(TODOS + "?window=0"))).containsExactly(overdue);
          assertThat(ids(client.get(TODOS + "?completed=false&window=5"))).containsExactly(overdue);
        });
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
        "window=36501",
        "completed=true&window=x"
      })
  void invalidFiltersAnswer400(String query) {
    api.test(
        client -> {
          Answer answer = client.get(TODOS + "?" + query);

          assertThat(answer.status()).isEqualTo(400);
          assertThat(answer.error()).matches("(completed|window) must be .*");
        });
  }

  // The export body and feed.ics bound the window at 36500 days; so does the list.
  @ParameterizedTest
  @ValueSource(strings = {"36501", "999999999", "99999999999999999999"})
  void aWindowBeyondTheExportsBoundAnswers400(String window) {
    api.test(
        client -> {
          create(client, withDeadline("soon", 1, false));

          Answer answer = client.get(TODOS + "?window=" + window);

          assertThat(answer.status()).isEqualTo(400);
          assertThat(answer.error())
              .isEqualTo(
                  "window must be a whole number of days from 0 to 36500, got '" + window + "'");
        });
  }

  // As feed.ics: one value per parameter, so no two layers can read different ones.
  @ParameterizedTest
  @CsvSource({
    "window=1&window=2,                 window",
    "window=3&window=3,                 window",
    "completed=true&completed=false,    completed",
    "completed=true&window=1&completed=true, completed",
  })
  void aRepeatedFilterAnswers400ToGetAndHead(String query, String name) {
    api.test(
        client -> {
          create(client, "{\"title\":\"exists\"}");

          Answer get = client.get(TODOS + "?" + query);

          assertThat(get.status()).isEqualTo(400);
          assertThat(get.body())
              .isEqualTo("{\"error\":\"Query parameter " + name + " is given more than once\"}");
          assertThat(client.head(TODOS + "?" + query).status()).isEqualTo(400);
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {"999", "abc", "1.5", "-1", "99999999999999", "01", "+1"})
  void anUnknownOrNonCanonicalIdIsTodoNotFound(String id) {
    api.test(
        client -> {
          create(client, "{\"title\":\"exists\"}");

          for (Answer answer :
              List.of(
                  client.get(TODOS + "/" + id),
                  client.put(TODOS + "/" + id, "{\"title\":\"changed\"}"),
                  client.head(TODOS + "/" + id))) {
            assertThat(answer.status()).isEqualTo(404);
          }
          assertThat(client.get(TODOS + "/" + id).body()).isEqualTo(NOT_FOUND);
          assertThat(api.todos().all()).extracting(Todo::title).containsExactly("exists");
        });
  }

  // Only the canonical decimal spelling names a todo: 01, +1 and " 1" are not todo 1.
  @ParameterizedTest
  @ValueSource(strings = {"0%d", "00%d", "+%d", "%%20%d", "%d%%20"})
  void aNonCanonicalIdNamesNoTodo(String format) {
    api.test(
        client -> {
          int id = create(client, "{\"title\":\"exists\"}");
          List<Todo> before = api.todos().all();
          String path = TODOS + "/" + String.format(format, id);

          for (Answer answer :
              List.of(
                  client.get(path),
                  client.put(path, "{\"title\":\"changed\"}"),
                  client.delete(path))) {
            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.body()).isEqualTo(NOT_FOUND);
          }
          assertThat(api.todos().all()).isEqualTo(before);
          assertThat(client.get(TODOS + "/" + id).status()).isEqualTo(200);
        });
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
    api.test(
        client -> {
          Answer answer = client.post(TODOS, body);

          assertThat(answer.status()).isEqualTo(400);
          assertThat(fieldNames(answer.json())).containsExactly("error");
          assertThat(answer.error()).startsWith(message);
          assertThat(api.todos().all()).isEmpty();
        });
  }

  @Test
  void putChangesOnlyTheGivenFieldsAndStampsUpdatedAt() {
    api.test(
        client -> {
          JsonNode before =
              client
                  .post(
                      TODOS,
                      "{\"title\":\"Draft\",\"description\":\"d\","
                          + "\"deadline_at\":\"2026-04-03T14:00:00\"}")
                  .json();
          int id = before.get("id").asInt();

          Answer answer = client.put(TODOS + "/" + id, "{\"title\":\"Final\",\"completed\":true}");

          assertThat(answer.status()).isEqualTo(200);
          JsonNode after = answer.json();
          assertThat(after.get("title").asText()).isEqualTo("Final");
          assertThat(after.get("completed").asBoolean()).isTrue();
          assertThat(after.get("description")).isEqualTo(before.get("description"));
          assertThat(after.get("deadline_at")).isEqualTo(before.get("deadline_at"));
          assertThat(after.get("created_at")).isEqualTo(before.get("created_at"));
          assertThat(LocalDateTime.parse(after.get("updated_at").asText()))
              .isAfter(LocalDateTime.parse(before.get("updated_at").asText()));
          assertThat(client.get(TODOS + "/" + id).json()).isEqualTo(after);
        });
  }

  @Test
  void putWithNullClearsTheDescriptionAndDeadline() {
    api.test(
        client -> {
          int id =
              create(
                  client,
                  "{\"title\":\"t\",\"description\":\"d\",\"deadline_at\":\"2026-04-03T14:00\"}");

          JsonNode after =
              client.put(TODOS + "/" + id, "{\"description\":null,\"deadline_at\":null}").json();

          assertThat(after.get("description").isNull()).isTrue();
          assertThat(after.get("deadline_at").isNull()).isTrue();
        });
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
  void invalidUpdatesAnswer400AndLeaveTheTodoUnchanged(String body, String message) {
    api.test(
        client -> {
          int id = create(client, "{\"title\":\"original\",\"description\":\"kept\"}");
          List<Todo> before = api.todos().all();

          Answer answer = client.put(TODOS + "/" + id, body);

          assertThat(answer.status()).isEqualTo(400);
          assertThat(answer.error()).startsWith(message);
          assertThat(api.todos().all()).isEqualTo(before);
        });
  }

  @Test
  void deleteAnswersTheDeletedTodoAndRemovesIt() {
    api.test(
        client -> {
          JsonNode created = client.post(TODOS, "{\"title\":\"gone soon\"}").json();
          int id = created.get("id").asInt();

          Answer answer = client.delete(TODOS + "/" + id);

          assertThat(answer.status()).isEqualTo(200);
          assertThat(answer.json()).isEqualTo(created);
          assertThat(client.get(TODOS + "/" + id).status()).isEqualTo(404);
          assertThat(api.todos().all()).isEmpty();
        });
  }

  @Test
  void deletingAMissingTodoStillAnswers200WithAnEmptyObject() {
    api.test(
        client -> {
          Answer answer = client.delete(TODOS + "/12345");

          assertThat(answer.status()).isEqualTo(200);
          assertThat(answer.body()).isEqualTo("{}");
        });
  }

  @Test
  void headAnswersLikeGetWithoutABody() {
    api.test(
        client -> {
          int id = create(client, "{\"title\":\"exists\"}");

          Answer existing = client.head(TODOS + "/" + id);

          assertThat(existing.status()).isEqualTo(200);
          assertThat(existing.body()).isEmpty();
          assertThat(existing.header("Content-Type")).startsWith("application/json");
          assertThat(client.head(TODOS + "/999").status()).isEqualTo(404);
          assertThat(client.head(TODOS + "?completed=maybe").status()).isEqualTo(400);
          assertThat(client.head(TODOS).status()).isEqualTo(200);
        });
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
    api.test(
        client -> {
          int id = create(client, "{\"title\":\"original\"}");
          List<Todo> before = api.todos().all();
          RequestBody body =
              method.equals("POST")
                  ? RouteClient.body("{\"title\":\"changed\"}".getBytes(UTF_8), null)
                  : null;

          Answer answer =
              client.send(
                  TODOS + "/" + id,
                  request -> request.header(header, override).method(method, body));

          // Only the real method counts: GET and HEAD read, POST is not a method of /todos/{id}.
          assertThat(answer.status()).isEqualTo(method.equals("POST") ? 405 : 200);
          assertThat(api.todos().all()).isEqualTo(before);
        });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/json; charset=UTF-8",
        "Application/JSON;charset=\"utf-8\"",
        "application/json ; charset=utf8"
      })
  void jsonWithAUtf8CharsetParameterIsAccepted(String contentType) {
    api.test(
        client -> {
          Answer answer =
              client.send(
                  TODOS,
                  request ->
                      request
                          .header("Content-Type", contentType)
                          .post(RouteClient.body("{\"title\":\"t\"}".getBytes(UTF_8), null)));

          assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        });
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
    api.test(
        client -> {
          Answer created = client.post(TODOS, "{\"title\":\"" + title + "\"}");
          int id = create(client, "{\"title\":\"visible\"}");
          Answer updated = client.put(TODOS + "/" + id, "{\"title\":\"" + title + "\"}");

          assertThat(created.status()).isEqualTo(400);
          assertThat(created.error()).isEqualTo("title must not be blank");
          assertThat(updated.status()).isEqualTo(400);
          assertThat(api.todos().all()).extracting(Todo::title).containsExactly("visible");
        });
  }

  private static int create(RouteClient client, String body) {
    Answer answer = client.post(TODOS, body);
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    return answer.json().get("id").asInt();
  }

  private static String withDeadline(String title, int daysFromNow, boolean completed) {
    return "{\"title\":\""
        + title
        + "\",\"completed\":"
        + completed
        + ",\"deadline_at\":\""
        + IsoTimestamps.format(LocalDateTime.now().plusDays(daysFromNow))
        + "\"}";
  }

  private static List<Integer> ids(Answer answer) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return StreamSupport.stream(answer.json().spliterator(), false)
        .map(todo -> todo.get("id").asInt())
        .toList();
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}

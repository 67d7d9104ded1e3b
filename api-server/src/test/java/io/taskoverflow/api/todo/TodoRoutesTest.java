package io.taskoverflow.api.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskoverflow.api.Answer;
import io.taskoverflow.api.InMemoryApi;
import io.taskoverflow.api.RouteClient;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The todo routes (docs/api.md) on an in-memory store; TodoApiIT runs them on PostgreSQL. */
class TodoRoutesTest {

  private static final String TODOS = "/api/v1/todos";
  private static final String ISOFORMAT = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{6})?";
  private static final String NOT_FOUND = "{\"error\":\"Todo not found\"}";

  private final InMemoryApi api = new InMemoryApi();

  @AfterEach
  void close() {
    api.close();
  }

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
  @ValueSource(strings = {"completed=yes", "completed=", "window=-1", "window=1.5", "window=36501"})
  void invalidFiltersAnswer400(String query) {
    api.test(
        client -> {
          Answer answer = client.get(TODOS + "?" + query);

          assertThat(answer.status()).isEqualTo(400);
          assertThat(answer.error()).matches("(completed|window) must be .*");
        });
  }

  @Test
  void aRepeatedFilterAnswers400ToGetAndHead() {
    api.test(
        client -> {
          Answer get = client.get(TODOS + "?window=1&window=2");

          assertThat(get.status()).isEqualTo(400);
          assertThat(get.body())
              .isEqualTo("{\"error\":\"Query parameter window is given more than once\"}");
          assertThat(client.head(TODOS + "?window=1&window=2").status()).isEqualTo(400);
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

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "not json                                     | Request body is not valid JSON",
        "{\"title\":\"a\",\"title\":\"b\"}            | Request body is not valid JSON",
        "[{\"title\":\"in an array\"}]                | Request body must be a JSON object, not an array",
        "``                                           | Request body must be a JSON object, but it is empty",
        "{}                                           | title is required",
        "{\"title\":\"  \"}                           | title must not be blank",
        "{\"title\":42}                               | title must be a string, not a number",
        "{\"title\":\"a\",\"id\":7}                   | Unknown field 'id'",
        "{\"title\":\"a\",\"completed\":\"true\"}     | completed must be true or false, not a string",
        "{\"title\":\"a\",\"deadline_at\":\"friday\"} | deadline_at must be a date and time",
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

  @ParameterizedTest
  @ValueSource(strings = {"{\"id\":2}", "{\"title\":\"\"}", "[]", "nope"})
  void invalidUpdatesAnswer400AndLeaveTheTodoUnchanged(String body) {
    api.test(
        client -> {
          int id = create(client, "{\"title\":\"original\",\"description\":\"kept\"}");
          List<Todo> before = api.todos().all();

          Answer answer = client.put(TODOS + "/" + id, body);

          assertThat(answer.status()).isEqualTo(400);
          assertThat(answer.error()).isNotBlank();
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

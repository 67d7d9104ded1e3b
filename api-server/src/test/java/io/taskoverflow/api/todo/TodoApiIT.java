package io.taskoverflow.api.todo;

import static io.taskoverflow.api.TestApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskoverflow.api.SharedKubernetes;
import io.taskoverflow.api.TestApi;
import io.taskoverflow.schema.TestDatabase;
import java.net.http.HttpResponse;
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

/**
 * The todo API (docs/api.md) against the real server, real PostgreSQL: what the SQL decides
 * (defaults, order, filters, timestamps, stored text). TodoRoutesTest and ErrorResponsesTest check
 * what the routes decide before the store is asked.
 */
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

  @Test
  void completedAndWindowCombine() {
    create(withDeadline("open soon", LocalDateTime.now().plusDays(1), false));
    int doneSoon = create(withDeadline("done soon", LocalDateTime.now().plusDays(1), true));
    create(withDeadline("done later", LocalDateTime.now().plusDays(30), true));
    create("{\"title\":\"done undated\",\"completed\":true}");

    assertThat(ids(api.get(TODOS + "?completed=true&window=7"))).containsExactly(doneSoon);
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
  void visibleTextAroundUnicodeSpacesIsKept() {
    JsonNode todo = json(api.post(TODOS, "{\"title\":\"\u00a0milk\u3000\"}"));
    assertThat(todo.get("title").asText()).isEqualTo("\u00a0milk\u3000");
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

package io.taskoverflow.api.todo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.taskoverflow.api.web.ApiError;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TodoBodyValidatorTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final TodoBodyValidator validator = new TodoBodyValidator(ZoneOffset.UTC);

  @Test
  void aFullBodyBecomesANewTodo() {
    NewTodo todo =
        validator.newTodo(
            body(
                "{'title':'Write report','description':'in English','completed':true,"
                    + "'deadline_at':'2026-04-03 14:00:00.000'}"));
    assertThat(todo)
        .isEqualTo(
            new NewTodo("Write report", "in English", true, LocalDateTime.of(2026, 4, 3, 14, 0)));
  }

  @Test
  void onlyTheTitleIsRequired() {
    assertThat(validator.newTodo(body("{'title':'x'}")))
        .isEqualTo(new NewTodo("x", null, false, null));
  }

  @Test
  void titlesOfExactly80CharactersAreAcceptedCountingEmojiAsOne() {
    String title = "😀".repeat(80);
    assertThat(validator.newTodo(body("{'title':'" + title + "'}")).title()).isEqualTo(title);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{}                                  | title is required",
        "{'title':''}                        | title must not be blank",
        "{'title':'   '}                     | title must not be blank",
        "{'title':null}                      | title must be a string, not null",
        "{'title':5}                         | title must be a string, not a number",
        "{'title':['a']}                     | title must be a string, not an array",
        "{'title':'x','id':3}                | Unknown field 'id'",
        "{'title':'x','owner':1,'id':3}      | Unknown fields 'id', 'owner'",
        "{'title':'x','completed':'yes'}     | completed must be true or false, not a string",
        "{'title':'x','completed':null}      | completed must be true or false, not null",
        "{'title':'x','description':7}       | description must be a string or null, not a number",
        "{'title':'x','deadline_at':'soon'}  | deadline_at must be a date and time",
        "{'title':'x','deadline_at':12}      | deadline_at must be a string or null, not a number",
        "{'title':'x','description':'a\\u0000b'} | NUL character",
      })
  void invalidNewTodosAreRejectedWithAnExplanation(String json, String message) {
    assertThatThrownBy(() -> validator.newTodo(body(json)))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessageContaining(message);
  }

  @Test
  void overlongFieldsNameTheLimitAndTheActualLength() {
    assertThatThrownBy(() -> validator.newTodo(body("{'title':'" + "t".repeat(81) + "'}")))
        .hasMessage("title must be at most 80 characters long (it has 81)");
    assertThatThrownBy(
            () -> validator.newTodo(body("{'title':'x','description':'" + "d".repeat(121) + "'}")))
        .hasMessage("description must be at most 120 characters long (it has 121)");
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    assertThatThrownBy(() -> validator.newTodo(body("{'id':1,'completed':3}")))
        .hasMessageContaining("Unknown field 'id'")
        .hasMessageContaining("title is required")
        .hasMessageContaining("completed must be true or false");
  }

  @Test
  void changesTellAbsentFromNull() {
    TodoChanges clearing = validator.changes(body("{'description':null,'deadline_at':null}"));
    assertThat(clearing.descriptionSet()).isTrue();
    assertThat(clearing.deadlineSet()).isTrue();
    assertThat(clearing.description()).isNull();

    TodoChanges ticking = validator.changes(body("{'completed':true}"));
    assertThat(ticking.descriptionSet()).isFalse();
    assertThat(ticking.deadlineSet()).isFalse();
    assertThat(ticking.completed()).isTrue();
    assertThat(ticking.title()).isNull();
  }

  @Test
  void changesRejectTheIdAndBlankTitles() {
    assertThatThrownBy(() -> validator.changes(body("{'id':9,'title':'x'}")))
        .hasMessageContaining("Unknown field 'id'");
    assertThatThrownBy(() -> validator.changes(body("{'title':' '}")))
        .hasMessage("title must not be blank");
    assertThatThrownBy(() -> validator.changes(body("{'title':null}")))
        .hasMessage("title must be a string, not null");
  }

  private static ObjectNode body(String singleQuoted) {
    try {
      return (ObjectNode) JSON.readTree(singleQuoted.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}

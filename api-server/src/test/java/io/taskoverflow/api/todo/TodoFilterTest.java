package io.taskoverflow.api.todo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskoverflow.api.web.ApiError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TodoFilterTest {

  @Test
  void absentParametersDoNotFilter() {
    assertThat(TodoFilter.fromQuery(null, null)).isEqualTo(TodoFilter.ALL);
  }

  @Test
  void completedAndWindowCombine() {
    assertThat(TodoFilter.fromQuery("false", "7")).isEqualTo(new TodoFilter(false, 7L));
    assertThat(TodoFilter.fromQuery("True", "0")).isEqualTo(new TodoFilter(true, 0L));
  }

  @Test
  void theWindowIsCappedLikeTheExportsAndTheFeeds() {
    assertThat(TodoFilter.fromQuery(null, "36500").windowDays()).isEqualTo(36500L);
    for (String window : new String[] {"36501", "999999999", "99999999999999999999999"}) {
      assertThatThrownBy(() -> TodoFilter.fromQuery(null, window))
          .isInstanceOf(ApiError.class)
          .hasMessage(
              "window must be a whole number of days from 0 to 36500, got '" + window + "'");
    }
  }

  @Test
  void aParameterGivenTwiceIsRejected() {
    assertThatThrownBy(() -> TodoFilter.fromQuery(Map.of("window", List.of("1", "2"))))
        .isInstanceOf(ApiError.class)
        .hasMessage("Query parameter window is given more than once");
    assertThatThrownBy(() -> TodoFilter.fromQuery(Map.of("completed", List.of("true", "true"))))
        .isInstanceOf(ApiError.class)
        .hasMessage("Query parameter completed is given more than once");
    assertThat(TodoFilter.fromQuery(Map.of("window", List.of("3"), "other", List.of("a", "b"))))
        .isEqualTo(new TodoFilter(null, 3L));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "yes", "1", "null"})
  void completedOtherThanTrueOrFalseIsRejected(String completed) {
    assertThatThrownBy(() -> TodoFilter.fromQuery(completed, null))
        .isInstanceOf(ApiError.class)
        .hasMessage("completed must be true or false, got '" + completed + "'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-1", "1.5", "seven", "+3", " 3"})
  void windowOtherThanANonNegativeIntegerIsRejected(String window) {
    assertThatThrownBy(() -> TodoFilter.fromQuery(null, window))
        .isInstanceOf(ApiError.class)
        .hasMessageStartingWith("window must be a whole number of days from 0 to 36500");
  }
}

package io.taskoverflow.api.todo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskoverflow.api.web.ApiError;
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
  void anEnormousWindowMeansEveryDeadline() {
    assertThat(TodoFilter.fromQuery(null, "99999999999999999999999").windowDays())
        .isEqualTo(Long.MAX_VALUE);
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
        .hasMessageStartingWith("window must be a non-negative whole number of days");
  }
}

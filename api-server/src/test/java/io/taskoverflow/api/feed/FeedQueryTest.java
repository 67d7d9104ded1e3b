package io.taskoverflow.api.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskoverflow.api.web.ApiError;
import io.taskoverflow.model.feed.CalendarFeedSpec;
import io.taskoverflow.model.spec.CalendarComponent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeedQueryTest {

  private final FeedQuery query = new FeedQuery();

  @Test
  void readsTheExportOptionsFromTheQuery() {
    CalendarFeedSpec spec =
        query.parse(
            Map.of(
                "calendar_name", List.of("Work"),
                "completed", List.of("false"),
                "window", List.of("14"),
                "component", List.of("vtodo")));

    assertThat(spec.getCalendarName()).isEqualTo("Work");
    assertThat(spec.getFilter().completed()).isFalse();
    assertThat(spec.getFilter().windowDays()).isEqualTo(14);
    assertThat(spec.getComponent()).isEqualTo(CalendarComponent.VTODO);
  }

  @Test
  void noOptionsAndTheDefaultsSpelledOutAreOneFeed() {
    CalendarFeedSpec none = query.parse(Map.of());
    CalendarFeedSpec spelledOut =
        query.parse(
            Map.of("calendar_name", List.of("TaskOverflow"), "component", List.of("VEVENT")));

    assertThat(FeedNames.of(spelledOut)).isEqualTo(FeedNames.of(none)).matches("feed-[0-9a-f]{20}");
    assertThat(FeedNames.of(query.parse(Map.of("completed", List.of("true")))))
        .isNotEqualTo(FeedNames.of(none));
  }

  @Test
  void refusesUnknownRepeatedAndMalformedParameters() {
    assertThatThrownBy(() -> query.parse(Map.of("colour", List.of("red"))))
        .isInstanceOf(ApiError.class)
        .hasMessageContaining("Unknown query parameter colour");
    assertThatThrownBy(() -> query.parse(Map.of("window", List.of("1", "2"))))
        .hasMessageContaining("window is given more than once");
    assertThatThrownBy(() -> query.parse(Map.of("window", List.of("-1"))))
        .hasMessageContaining("window");
    assertThatThrownBy(() -> query.parse(Map.of("completed", List.of("yes"))))
        .hasMessageContaining("completed");
    assertThatThrownBy(() -> query.parse(Map.of("calendar_name", List.of(""))))
        .hasMessageContaining("calendar_name");
  }
}

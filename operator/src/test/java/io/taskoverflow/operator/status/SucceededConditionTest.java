package io.taskoverflow.operator.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SucceededConditionTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.250Z");
  private static final Instant T1 = Instant.parse("2026-03-01T10:05:00Z");

  @Test
  void theFirstConditionIsUnknownWithTheTimeInWholeSeconds() {
    List<Condition> conditions =
        SucceededCondition.apply(List.of(), "Unknown", "Pending", "waiting", 1L, T0);

    assertThat(conditions)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getType()).isEqualTo("Succeeded");
              assertThat(c.getStatus()).isEqualTo("Unknown");
              assertThat(c.getReason()).isEqualTo("Pending");
              assertThat(c.getMessage()).isEqualTo("waiting");
              assertThat(c.getObservedGeneration()).isEqualTo(1L);
              assertThat(c.getLastTransitionTime()).isEqualTo("2026-03-01T10:00:00Z");
            });
  }

  static Stream<Arguments> secondConditions() {
    return Stream.of(
        argumentSet(
            "a new reason with the same status keeps the transition time",
            "Pending",
            "waiting",
            "Unknown",
            "Running",
            "running",
            "2026-03-01T10:00:00Z"),
        argumentSet(
            "a changed status moves the transition time",
            "Running",
            "running",
            "True",
            "Succeeded",
            "done",
            "2026-03-01T10:05:00Z"));
  }

  @ParameterizedTest
  @MethodSource("secondConditions")
  void theTransitionTimeMovesOnlyWithTheStatus(
      String firstReason,
      String firstMessage,
      String status,
      String reason,
      String message,
      String transitionTime) {
    List<Condition> first =
        SucceededCondition.apply(List.of(), "Unknown", firstReason, firstMessage, 1L, T0);

    Condition second = SucceededCondition.apply(first, status, reason, message, 1L, T1).get(0);

    assertThat(second.getStatus()).isEqualTo(status);
    assertThat(second.getReason()).isEqualTo(reason);
    assertThat(second.getLastTransitionTime()).isEqualTo(transitionTime);
  }

  @Test
  void theObservedGenerationFollowsTheResource() {
    List<Condition> first =
        SucceededCondition.apply(List.of(), "Unknown", "Running", "running", 1L, T0);

    Condition second = SucceededCondition.apply(first, "False", "Cancelled", "", 2L, T1).get(0);

    assertThat(second.getObservedGeneration()).isEqualTo(2L);
  }

  @Test
  void otherConditionTypesAreKept() {
    Condition other =
        new ConditionBuilder().withType("Ready").withStatus("True").withReason("Fine").build();

    List<Condition> conditions =
        SucceededCondition.apply(List.of(other), "Unknown", "Pending", "", 1L, T0);

    assertThat(conditions).extracting(Condition::getType).containsExactly("Ready", "Succeeded");
  }

  @Test
  void aMissingMessageBecomesEmpty() {
    assertThat(
            SucceededCondition.apply(null, "Unknown", "Pending", null, 1L, T0).get(0).getMessage())
        .isEmpty();
  }
}

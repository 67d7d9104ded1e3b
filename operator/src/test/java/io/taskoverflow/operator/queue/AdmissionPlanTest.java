package io.taskoverflow.operator.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoverflow.operator.queue.AdmissionPlan.Waiting;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdmissionPlanTest {

  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00.000Z");

  @Test
  void theEarliestRequestsAreAdmittedAsFarAsSlotsAreFree() {
    AdmissionPlan plan =
        AdmissionPlan.of(
            4, 2, List.of(waiting("d", 3), waiting("b", 1), waiting("c", 2), waiting("e", 4)));

    assertThat(plan.admitted()).extracting(Waiting::exportName).containsExactly("b", "c");
    assertThat(plan.admits("c")).isTrue();
    assertThat(plan.admits("d")).isFalse();
    assertThat(plan.ahead("b")).isZero();
    assertThat(plan.ahead("e")).isEqualTo(3);
  }

  @Test
  void nothingIsAdmittedWhileEverySlotIsTaken() {
    AdmissionPlan plan = AdmissionPlan.of(2, 2, List.of(waiting("a", 0)));

    assertThat(plan.admitted()).isEmpty();
    assertThat(plan.ahead("a")).isZero();
  }

  @Test
  void moreRunningThanSlotsAdmitsNothingRatherThanFailing() {
    // A lowered setting after a restart: the extra generators run out, nobody new starts.
    assertThat(AdmissionPlan.of(1, 3, List.of(waiting("a", 0))).admitted()).isEmpty();
  }

  @Test
  void requestsAtTheSameMomentAreOrderedByName() {
    AdmissionPlan plan = AdmissionPlan.of(1, 0, List.of(waiting("y", 0), waiting("x", 0)));

    assertThat(plan.admitted()).extracting(Waiting::exportName).containsExactly("x");
  }

  @Test
  void theSameObservationAlwaysAdmitsTheSameExports() {
    List<Waiting> queue = List.of(waiting("c", 2), waiting("a", 0), waiting("b", 1));

    assertThat(AdmissionPlan.of(3, 1, queue).admitted())
        .isEqualTo(
            AdmissionPlan.of(3, 1, List.of(queue.get(2), queue.get(1), queue.get(0))).admitted());
  }

  private static Waiting waiting(String name, int millisAfterT0) {
    return new Waiting(name, "uid-" + name, T0.plusMillis(millisAfterT0), name);
  }
}

package io.taskoverflow.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoverflow.queue.ReceiveSummary.Arrival;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReceiveSummaryTest {

  private final ReceiveSummary summary = new ReceiveSummary();

  @Test
  void numbersInOrderAreNeitherLateNorDuplicates() {
    assertThat(record("a", 0, 1, 2))
        .containsExactly(Arrival.IN_ORDER, Arrival.IN_ORDER, Arrival.IN_ORDER);

    assertThat(summary.describe("Client 1", "q.fifo"))
        .isEqualTo("Client 1 received 3 messages from q.fifo: 0 out of order, 0 duplicates");
  }

  @Test
  void aGapIsNotOutOfOrderButWhatFillsItLaterIs() {
    assertThat(record("a", 0, 2, 1, 3))
        .containsExactly(
            Arrival.IN_ORDER, Arrival.IN_ORDER, Arrival.OUT_OF_ORDER, Arrival.IN_ORDER);

    assertThat(summary.outOfOrder()).isEqualTo(1);
    assertThat(summary.duplicates()).isZero();
  }

  @Test
  void aNumberSeenBeforeIsADuplicateAndNotAlsoOutOfOrder() {
    summary.record("a", 0);
    summary.record("a", 1);
    assertThat(record("a", 0, 1)).containsExactly(Arrival.DUPLICATE, Arrival.DUPLICATE);

    assertThat(summary.describe("c", "q"))
        .isEqualTo("c received 4 messages from q: 0 out of order, 2 duplicates");
  }

  @Test
  void eachPublisherRunIsComparedOnlyWithItself() {
    summary.record("run 1", 5);
    assertThat(record("run 2", 0, 5)).containsExactly(Arrival.IN_ORDER, Arrival.IN_ORDER);
    assertThat(summary.record("run 1", 6)).isEqualTo(Arrival.IN_ORDER);

    assertThat(summary.outOfOrder()).isZero();
    assertThat(summary.duplicates()).isZero();
  }

  @Test
  void unnumberedMessagesAreOnlyCounted() {
    assertThat(summary.recordUnnumbered()).isEqualTo(Arrival.UNNUMBERED);

    assertThat(summary.describe("c", "q"))
        .isEqualTo("c received 1 message from q: 0 out of order, 0 duplicates");
  }

  @Test
  void oneDuplicateIsSingular() {
    summary.record("a", 0);
    summary.record("a", 0);

    assertThat(summary.describe("c", "q")).endsWith("0 out of order, 1 duplicate");
  }

  /** Records the numbers in turn as arrivals from one publisher run; how each arrival counted. */
  private List<Arrival> record(String run, int... numbers) {
    return IntStream.of(numbers).mapToObj(number -> summary.record(run, number)).toList();
  }
}

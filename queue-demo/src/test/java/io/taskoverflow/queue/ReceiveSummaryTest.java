package io.taskoverflow.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoverflow.queue.ReceiveSummary.Arrival;
import org.junit.jupiter.api.Test;

class ReceiveSummaryTest {

  private final ReceiveSummary summary = new ReceiveSummary();

  @Test
  void numbersInOrderAreNeitherLateNorDuplicates() {
    assertThat(summary.record("a", 0)).isEqualTo(Arrival.IN_ORDER);
    assertThat(summary.record("a", 1)).isEqualTo(Arrival.IN_ORDER);
    assertThat(summary.record("a", 2)).isEqualTo(Arrival.IN_ORDER);

    assertThat(summary.describe("Client 1", "q.fifo"))
        .isEqualTo("Client 1 received 3 messages from q.fifo: 0 out of order, 0 duplicates");
  }

  @Test
  void aGapIsNotOutOfOrderButWhatFillsItLaterIs() {
    assertThat(summary.record("a", 0)).isEqualTo(Arrival.IN_ORDER);
    assertThat(summary.record("a", 2)).isEqualTo(Arrival.IN_ORDER);
    assertThat(summary.record("a", 1)).isEqualTo(Arrival.OUT_OF_ORDER);
    assertThat(summary.record("a", 3)).isEqualTo(Arrival.IN_ORDER);

    assertThat(summary.outOfOrder()).isEqualTo(1);
    assertThat(summary.duplicates()).isZero();
  }

  @Test
  void aNumberSeenBeforeIsADuplicateAndNotAlsoOutOfOrder() {
    summary.record("a", 0);
    summary.record("a", 1);
    assertThat(summary.record("a", 0)).isEqualTo(Arrival.DUPLICATE);
    assertThat(summary.record("a", 1)).isEqualTo(Arrival.DUPLICATE);

    assertThat(summary.describe("c", "q"))
        .isEqualTo("c received 4 messages from q: 0 out of order, 2 duplicates");
  }

  @Test
  void eachPublisherRunIsComparedOnlyWithItself() {
    summary.record("run 1", 5);
    assertThat(summary.record("run 2", 0)).isEqualTo(Arrival.IN_ORDER);
    assertThat(summary.record("run 2", 5)).isEqualTo(Arrival.IN_ORDER);
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
}

package io.taskoverflow.queue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Counts what a subscriber received. Numbers are compared within one publisher run: a number seen
 * before from the same run is a duplicate, a number lower than the highest seen so far from that
 * run is out of order. Messages that carry no number (sent by another tool) are only counted.
 * Thread-safe, since the summary is also printed when the subscriber is interrupted.
 */
public final class ReceiveSummary {

  /** How one message compares with those received before it. */
  public enum Arrival {
    /** The next or a later number of its run. */
    IN_ORDER,
    /** A number lower than one already received from the same run. */
    OUT_OF_ORDER,
    /** A number already received from the same run. */
    DUPLICATE,
    /** A message without a run and number. */
    UNNUMBERED
  }

  private final Map<String, Set<Long>> seen = new HashMap<>();
  private final Map<String, Long> highest = new HashMap<>();
  private int received;
  private int outOfOrder;
  private int duplicates;

  public synchronized Arrival record(String run, long sequence) {
    received++;
    if (!seen.computeIfAbsent(run, r -> new HashSet<>()).add(sequence)) {
      duplicates++;
      return Arrival.DUPLICATE;
    }
    Long before = highest.get(run);
    if (before != null && sequence < before) {
      outOfOrder++;
      return Arrival.OUT_OF_ORDER;
    }
    highest.put(run, sequence);
    return Arrival.IN_ORDER;
  }

  public synchronized Arrival recordUnnumbered() {
    received++;
    return Arrival.UNNUMBERED;
  }

  public synchronized int received() {
    return received;
  }

  public synchronized int outOfOrder() {
    return outOfOrder;
  }

  public synchronized int duplicates() {
    return duplicates;
  }

  /** For example "Client 1 received 100 messages from q.fifo: 0 out of order, 0 duplicates". */
  public synchronized String describe(String clientName, String queueName) {
    return clientName
        + " received "
        + plural(received, "message")
        + " from "
        + queueName
        + ": "
        + outOfOrder
        + " out of order, "
        + plural(duplicates, "duplicate");
  }

  private static String plural(int count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}

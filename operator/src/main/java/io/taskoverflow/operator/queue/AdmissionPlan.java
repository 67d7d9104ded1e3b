package io.taskoverflow.operator.queue;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Which waiting exports may start their generator now: first come, first served, as many as there
 * are free generator slots. Pure, so the same observation always admits the same exports; two
 * reconciliations that plan at once therefore admit the same ones, never more.
 */
public final class AdmissionPlan {

  /**
   * An export whose generator has not been admitted yet.
   *
   * @param jobName its Job, or {@code null} while the Job is still to be created
   */
  public record Waiting(String exportName, String exportUid, Instant requestedAt, String jobName) {}

  /** The order exports were asked for in; the name breaks ties deterministically. */
  private static final Comparator<Waiting> FIRST_COME =
      Comparator.comparing(Waiting::requestedAt).thenComparing(Waiting::exportName);

  private final int capacity;
  private final int running;
  private final List<Waiting> queue;

  private AdmissionPlan(int capacity, int running, List<Waiting> queue) {
    this.capacity = capacity;
    this.running = running;
    this.queue = queue;
  }

  public static AdmissionPlan of(int capacity, int running, Collection<Waiting> waiting) {
    return new AdmissionPlan(capacity, running, waiting.stream().sorted(FIRST_COME).toList());
  }

  /** The exports at the head of the queue, as many as slots are free. */
  public List<Waiting> admitted() {
    return queue.subList(0, Math.min(queue.size(), freeSlots()));
  }

  public boolean admits(String exportName) {
    return admitted().stream().anyMatch(waiting -> waiting.exportName().equals(exportName));
  }

  /** How many waiting exports come before this one (0 at the head; the queue's size if absent). */
  public int ahead(String exportName) {
    for (int i = 0; i < queue.size(); i++) {
      if (queue.get(i).exportName().equals(exportName)) {
        return i;
      }
    }
    return queue.size();
  }

  public int running() {
    return running;
  }

  public int capacity() {
    return capacity;
  }

  private int freeSlots() {
    return Math.max(0, capacity - running);
  }
}

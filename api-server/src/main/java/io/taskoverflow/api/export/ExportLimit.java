package io.taskoverflow.api.export;

import io.taskoverflow.api.kubernetes.KubernetesUnavailable;
import io.taskoverflow.api.web.ApiError;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The capacity of the export queue: at most so many exports in flight (not finished: PENDING, which
 * includes those queued for a generator slot, STARTED or RETRY), so that nobody can queue an
 * unbounded number of Jobs. The operator serves the queue first come, first served. The exports in
 * flight are counted by name: those in the informer's cache and this server's own recent writes,
 * plus the creations still under way, so that a burst can neither overshoot nor count an export
 * twice. With several api-server replicas each sees the others' exports only once its cache has
 * them: the bound may then be overshot by the creations of one moment.
 */
final class ExportLimit {

  /** What a refused client is told to wait; a generator run takes seconds. */
  static final long RETRY_AFTER_SECONDS = 5;

  /** How long a creation whose outcome is unknown keeps its place (the cache shows it by then). */
  static final Duration UNSURE_FOR = Duration.ofMinutes(1);

  private final int max;
  private final Set<String> creating = new HashSet<>();
  private final Map<String, Long> unsure = new HashMap<>();

  ExportLimit(int max) {
    this.max = max;
  }

  /**
   * Runs the creation of the export {@code name} if there is room; 429 otherwise. The creation must
   * record its result where {@code inFlight} finds it before it returns.
   */
  <T> T create(String name, Supplier<Set<String>> inFlight, Supplier<T> creation) {
    synchronized (this) {
      long now = System.nanoTime();
      unsure.values().removeIf(until -> until - now < 0);
      Set<String> names = new HashSet<>(inFlight.get());
      names.addAll(creating);
      names.addAll(unsure.keySet());
      if (names.size() >= max) {
        throw ApiError.retryLater(
            429,
            "The export queue is full (at most "
                + max
                + " exports may be queued or running); try again later",
            RETRY_AFTER_SECONDS);
      }
      creating.add(name);
    }
    try {
      return creation.get();
    } catch (KubernetesUnavailable e) {
      // A request that timed out may still have created the export: it keeps its place a while.
      synchronized (this) {
        unsure.put(name, System.nanoTime() + UNSURE_FOR.toNanos());
      }
      throw e;
    } finally {
      synchronized (this) {
        creating.remove(name);
      }
    }
  }
}

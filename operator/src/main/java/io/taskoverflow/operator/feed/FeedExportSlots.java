package io.taskoverflow.operator.feed;

import io.taskoverflow.model.CalendarExport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * At most so many feed exports unfinished at once, of all feeds together. Feeds are reconciled in
 * parallel, so a slot is taken under a lock, counting the unfinished feed exports of the informer's
 * cache plus the ones this operator created that the cache has not shown yet.
 */
final class FeedExportSlots {

  /** A creation the cache never shows (it failed, or went at once) stops holding its slot. */
  private static final Duration UNSEEN_AT_MOST = Duration.ofMinutes(1);

  private final int max;
  private final Clock clock;
  private final Map<String, Instant> created = new HashMap<>();

  FeedExportSlots(int max, Clock clock) {
    this.max = max;
    this.clock = clock;
  }

  /**
   * Takes a slot for the export {@code namespace/name} if one is free.
   *
   * @param known every feed export the cache holds
   */
  synchronized boolean tryTake(String namespace, String name, Collection<CalendarExport> known) {
    Instant now = clock.instant();
    Set<String> seen = known.stream().map(FeedExportSlots::key).collect(Collectors.toSet());
    created.keySet().removeIf(seen::contains);
    created.values().removeIf(at -> !at.plus(UNSEEN_AT_MOST).isAfter(now));
    long unfinished = known.stream().filter(FeedExportSlots::unfinished).count();
    if (unfinished + created.size() >= max) {
      return false;
    }
    created.put(namespace + "/" + name, now);
    return true;
  }

  /** The creation did not happen after all. */
  synchronized void release(String namespace, String name) {
    created.remove(namespace + "/" + name);
  }

  private static boolean unfinished(CalendarExport export) {
    return export.getStatus() == null
        || export.getStatus().getPhase() == null
        || !export.getStatus().getPhase().isFinal();
  }

  private static String key(CalendarExport export) {
    return export.getMetadata().getNamespace() + "/" + export.getMetadata().getName();
  }
}

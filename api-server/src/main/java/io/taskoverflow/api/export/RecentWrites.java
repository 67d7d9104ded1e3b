package io.taskoverflow.api.export;

import io.taskoverflow.model.CalendarExport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exports this api-server just wrote, kept until the informer reports the object again, so that a
 * client reads its own writes (a list right after a POST, a status right after a DELETE) although
 * the watch lags. Entries expire anyway, in case the informer coalesced the event away.
 */
final class RecentWrites {

  private static final Duration MAX_AGE = Duration.ofSeconds(30);

  private record Entry(CalendarExport export, Instant writtenAt) {}

  private final Map<String, Entry> byName = new ConcurrentHashMap<>();
  private final Clock clock;

  RecentWrites(Clock clock) {
    this.clock = clock;
  }

  void wrote(CalendarExport export) {
    byName.put(export.getMetadata().getName(), new Entry(export, clock.instant()));
  }

  /** The informer saw the object after (or at) our write; its cache is current again. */
  void observed(String name) {
    byName.remove(name);
  }

  Optional<CalendarExport> get(String name) {
    Entry entry = byName.get(name);
    if (entry == null) {
      return Optional.empty();
    }
    if (expired(entry)) {
      byName.remove(name, entry);
      return Optional.empty();
    }
    return Optional.of(entry.export());
  }

  /** The writes the informer has not reported yet, by name. */
  Map<String, CalendarExport> unobserved() {
    byName.values().removeIf(this::expired);
    Map<String, CalendarExport> exports = new HashMap<>();
    byName.forEach((name, entry) -> exports.put(name, entry.export()));
    return exports;
  }

  private boolean expired(Entry entry) {
    return entry.writtenAt().plus(MAX_AGE).isBefore(clock.instant());
  }
}

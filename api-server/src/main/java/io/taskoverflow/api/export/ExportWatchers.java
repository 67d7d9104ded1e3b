package io.taskoverflow.api.export;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Who wants to hear when an export may have changed: told by the informer and by this server's own
 * writes. Listeners run on the caller's thread (the informer's, for most news), so they must only
 * hand the work on.
 */
final class ExportWatchers {

  private final Map<String, Set<Runnable>> byName = new ConcurrentHashMap<>();

  /** Calls {@code listener} after each possible change of the export; returns the undoing. */
  Runnable watch(String name, Runnable listener) {
    byName.computeIfAbsent(name, ignored -> new CopyOnWriteArraySet<>()).add(listener);
    return () ->
        byName.computeIfPresent(
            name,
            (ignored, listeners) -> {
              listeners.remove(listener);
              return listeners.isEmpty() ? null : listeners;
            });
  }

  void changed(String name) {
    Set<Runnable> listeners = byName.get(name);
    if (listeners != null) {
      listeners.forEach(Runnable::run);
    }
  }
}

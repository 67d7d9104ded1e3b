package io.taskoverflow.api.export;

import io.taskoverflow.calendars.ExportProgress;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The progress generators reported, in a map. */
public final class InMemoryExportProgress implements ExportProgressReports {

  private final Map<UUID, ExportProgress> reported = new ConcurrentHashMap<>();

  /** What a running generator writes. */
  public void report(UUID exportUid, ExportProgress progress) {
    reported.put(exportUid, progress);
  }

  @Override
  public Map<UUID, ExportProgress> find(Collection<UUID> exportUids) {
    Map<UUID, ExportProgress> found = new HashMap<>();
    for (UUID uid : exportUids) {
      if (reported.containsKey(uid)) {
        found.put(uid, reported.get(uid));
      }
    }
    return found;
  }
}

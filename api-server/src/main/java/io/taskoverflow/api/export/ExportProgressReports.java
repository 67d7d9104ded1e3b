package io.taskoverflow.api.export;

import io.taskoverflow.calendars.ExportProgress;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * What running generators report of their progress; {@link ExportProgressRepository} reads it from
 * PostgreSQL. Progress is an extra: when it cannot be read there is none, never an error.
 */
public interface ExportProgressReports {

  /** The progress of those of these exports that report some. */
  Map<UUID, ExportProgress> find(Collection<UUID> exportUids);
}

package io.taskoverflow.api.export;

import io.taskoverflow.model.CalendarExport;
import java.util.List;
import java.util.Optional;

/**
 * The CalendarExports the export and feed routes read and write; {@link ExportStore} keeps them as
 * Kubernetes resources.
 */
public interface CalendarExports {

  /** Creates the export, or answers 429 when too many are in flight. */
  CalendarExport create(ExportRequest request);

  Optional<CalendarExport> find(String name);

  /** Every export, newest first. */
  List<CalendarExport> list();

  /** Asks for the export to be cancelled; a finished or cancelled one is returned as it is. */
  Optional<CalendarExport> cancel(String name);

  /**
   * Calls {@code listener} whenever the export may have changed, until the returned unwatch is run.
   * The listener must only hand the work on.
   */
  Runnable watch(String name, Runnable listener);
}

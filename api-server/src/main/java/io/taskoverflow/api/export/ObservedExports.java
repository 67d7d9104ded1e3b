package io.taskoverflow.api.export;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.taskoverflow.model.CalendarExport;

/**
 * Tells {@link RecentWrites}, then the {@link ExportWatchers}, whenever the informer delivers news
 * of an export (its cache already holds the news): in that order, so a watcher reads the news.
 */
final class ObservedExports implements ResourceEventHandler<CalendarExport> {

  private final RecentWrites recentWrites;
  private final ExportWatchers watchers;

  ObservedExports(RecentWrites recentWrites, ExportWatchers watchers) {
    this.recentWrites = recentWrites;
    this.watchers = watchers;
  }

  @Override
  public void onAdd(CalendarExport export) {
    observed(export);
  }

  @Override
  public void onUpdate(CalendarExport before, CalendarExport after) {
    observed(after);
  }

  @Override
  public void onDelete(CalendarExport export, boolean finalStateUnknown) {
    observed(export);
  }

  private void observed(CalendarExport export) {
    String name = export.getMetadata().getName();
    recentWrites.observed(name);
    watchers.changed(name);
  }
}

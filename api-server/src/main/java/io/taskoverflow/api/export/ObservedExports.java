package io.taskoverflow.api.export;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.taskoverflow.model.CalendarExport;

/** Tells {@link RecentWrites} whenever the informer delivers news of an export. */
final class ObservedExports implements ResourceEventHandler<CalendarExport> {

  private final RecentWrites recentWrites;

  ObservedExports(RecentWrites recentWrites) {
    this.recentWrites = recentWrites;
  }

  @Override
  public void onAdd(CalendarExport export) {
    recentWrites.observed(export.getMetadata().getName());
  }

  @Override
  public void onUpdate(CalendarExport before, CalendarExport after) {
    recentWrites.observed(after.getMetadata().getName());
  }

  @Override
  public void onDelete(CalendarExport export, boolean finalStateUnknown) {
    recentWrites.observed(export.getMetadata().getName());
  }
}

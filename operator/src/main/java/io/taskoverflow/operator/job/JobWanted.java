package io.taskoverflow.operator.job;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.status.CalendarExportStatus;

/**
 * A Job is wanted while the export is neither cancelled nor finished. Checking "finished" keeps a
 * Job removed by its own TTL from being created again.
 */
public class JobWanted implements Condition<Job, CalendarExport> {

  @Override
  public boolean isMet(
      DependentResource<Job, CalendarExport> dependent,
      CalendarExport export,
      Context<CalendarExport> context) {
    CalendarExportStatus status = export.getStatus();
    boolean finished = status != null && status.getPhase() != null && status.getPhase().isFinal();
    return !export.getSpec().isCancelled() && !finished;
  }
}

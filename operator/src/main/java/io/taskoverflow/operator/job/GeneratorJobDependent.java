package io.taskoverflow.operator.job;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.job.ExportLabels;

/**
 * The export's generator Job; only Jobs labelled as some export's are cached. Created once and
 * never updated (a Job's template is immutable); owned by the export, so Kubernetes removes it with
 * the export. Deleted only on cancellation.
 */
@KubernetesDependent(informer = @Informer(labelSelector = ExportLabels.EXPORT))
public class GeneratorJobDependent extends KubernetesDependentResource<Job, CalendarExport>
    implements Creator<Job, CalendarExport>, GarbageCollected<CalendarExport> {

  private final GeneratorJobFactory jobs;

  public GeneratorJobDependent(GeneratorJobFactory jobs) {
    super(Job.class);
    this.jobs = jobs;
  }

  @Override
  protected Job desired(CalendarExport export, Context<CalendarExport> context) {
    return jobs.jobFor(export);
  }

  /**
   * Called when {@link JobWanted} stops holding. A finished Job stays until its TTL for
   * troubleshooting; a cancelled one goes at once, its pods with it.
   */
  @Override
  protected void handleDelete(CalendarExport export, Job job, Context<CalendarExport> context) {
    if (job != null && export.getSpec().isCancelled()) {
      context
          .getClient()
          .resource(job)
          .withPropagationPolicy(DeletionPropagation.BACKGROUND)
          .delete();
    }
  }
}

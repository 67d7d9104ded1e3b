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
import io.taskoverflow.operator.queue.GeneratorAdmission;

/**
 * The export's generator Job; only Jobs labelled as some export's are cached. Created once, running
 * or suspended as {@link GeneratorAdmission} decided, and never updated by the workflow (a Job's
 * template is immutable; only the admission resumes it); owned by the export, so Kubernetes removes
 * it with the export. Deleted only on cancellation.
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
    boolean admitted =
        context
            .managedWorkflowAndDependentResourceContext()
            .get(GeneratorAdmission.ADMITTED, Boolean.class)
            .orElse(false);
    return jobs.jobFor(export, admitted);
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

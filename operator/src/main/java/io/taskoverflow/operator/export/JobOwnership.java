package io.taskoverflow.operator.export;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.taskoverflow.model.CalendarExport;
import java.util.List;

/** Only a Job this very export controls may speak for it. */
final class JobOwnership {

  private JobOwnership() {}

  /** The Job if the export controls it, null if there is none; throws for someone else's. */
  static Job ownJob(CalendarExport export, Job job) {
    if (job == null) {
      return null;
    }
    List<OwnerReference> owners = job.getMetadata().getOwnerReferences();
    boolean own =
        owners != null
            && owners.stream()
                .anyMatch(
                    owner ->
                        Boolean.TRUE.equals(owner.getController())
                            && export.getMetadata().getUid().equals(owner.getUid()));
    if (!own) {
      throw new ForeignJobException(job.getMetadata().getName());
    }
    return job;
  }
}

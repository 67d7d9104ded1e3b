package io.taskoverflow.operator.export;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.taskoverflow.model.CalendarExport;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a deleted export's generator before its calendar is removed. Kubernetes would collect the
 * Job only once the export is gone, and a generator still running then would store a calendar that
 * nothing deletes until the orphan sweep. So the cleaner deletes the Job itself and keeps the
 * finalizer until no pod of the export may still run (a pod object goes once its container has
 * stopped).
 */
final class GeneratorShutdown {

  /**
   * A node that never reports its pods gone must not keep an export from going forever; after this
   * long the calendar is deleted anyway, and the orphan sweep removes whatever comes later.
   */
  static final Duration MAX_WAIT = Duration.ofMinutes(2);

  private static final Logger LOG = LoggerFactory.getLogger(GeneratorShutdown.class);

  /**
   * Deletes the export's own Job while pods of it remain; answers whether the cleaner must wait.
   */
  boolean mustWait(
      CalendarExport export,
      Optional<Job> cachedJob,
      Collection<Pod> pods,
      KubernetesClient client,
      Instant now) {
    Optional<Job> ownJob =
        cachedJob.filter(job -> controlledBy(job, export.getMetadata().getUid()));
    // Pods of a Job that only shares the name are not this export's to wait for.
    String foreignJobUid =
        ownJob.isPresent() ? null : cachedJob.map(job -> job.getMetadata().getUid()).orElse(null);
    List<Pod> remaining =
        pods.stream()
            .filter(GeneratorShutdown::mayStillRun)
            .filter(pod -> !controlledBy(pod, foreignJobUid))
            .toList();
    if (remaining.isEmpty()) {
      return false;
    }
    if (waitedTooLong(export, now)) {
      LOG.warn(
          "Export {}/{}: {} generator pod(s) still there {} after deletion; deleting the calendar"
              + " anyway (the orphan sweep removes a late one)",
          export.getMetadata().getNamespace(),
          export.getMetadata().getName(),
          remaining.size(),
          MAX_WAIT);
      return false;
    }
    ownJob
        .filter(job -> job.getMetadata().getDeletionTimestamp() == null)
        .ifPresent(
            job -> {
              LOG.info(
                  "Export {}/{} deleted: deleting its Job {} and waiting for its pods to go",
                  export.getMetadata().getNamespace(),
                  export.getMetadata().getName(),
                  job.getMetadata().getName());
              client.resource(job).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
            });
    return true;
  }

  /** Succeeded and Failed pods have stopped for good; any other may still store a calendar. */
  private static boolean mayStillRun(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return !"Succeeded".equals(phase) && !"Failed".equals(phase);
  }

  private static boolean waitedTooLong(CalendarExport export, Instant now) {
    String deletion = export.getMetadata().getDeletionTimestamp();
    return deletion != null && Instant.parse(deletion).plus(MAX_WAIT).isBefore(now);
  }

  private static boolean controlledBy(
      io.fabric8.kubernetes.api.model.HasMetadata dependent, String ownerUid) {
    List<OwnerReference> owners = dependent.getMetadata().getOwnerReferences();
    return ownerUid != null
        && owners != null
        && owners.stream()
            .anyMatch(
                owner ->
                    Boolean.TRUE.equals(owner.getController()) && ownerUid.equals(owner.getUid()));
  }
}

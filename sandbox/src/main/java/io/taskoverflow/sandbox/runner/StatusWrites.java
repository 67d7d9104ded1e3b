package io.taskoverflow.sandbox.runner;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Writes to objects that may be deleted at any moment (by the operator, the garbage collector or a
 * person with kubectl): one already gone needs nothing more, so a 404 is not an error.
 */
final class StatusWrites {

  private StatusWrites() {}

  static void podStatus(KubernetesClient client, Pod pod, PodStatus status) {
    ifPresent(
        () ->
            client
                .pods()
                .inNamespace(pod.getMetadata().getNamespace())
                .withName(pod.getMetadata().getName())
                .editStatus(
                    current -> {
                      current.setStatus(status);
                      return current;
                    }));
  }

  static void jobStatus(KubernetesClient client, Job job, JobStatus status) {
    ifPresent(
        () ->
            client
                .batch()
                .v1()
                .jobs()
                .inNamespace(job.getMetadata().getNamespace())
                .withName(job.getMetadata().getName())
                .editStatus(
                    current -> {
                      current.setStatus(status);
                      return current;
                    }));
  }

  /** Runs the call; false when the object it edits was gone. */
  static boolean ifPresent(Runnable call) {
    try {
      call.run();
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return false;
      }
      throw e;
    }
  }
}

package io.taskoverflow.operator;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Plays the Kubernetes Job controller and kubelet for the mock server, which has neither: creates a
 * Job's pods and writes Pod and Job status the way Kubernetes does.
 */
final class FakeJobController {

  private final KubernetesClient client;

  FakeJobController(KubernetesClient client) {
    this.client = client;
  }

  Job job(String namespace, String name) {
    return client.batch().v1().jobs().inNamespace(namespace).withName(name).get();
  }

  /** A new pod of the Job, already running. */
  Pod startPod(Job job) {
    Map<String, String> labels =
        new HashMap<>(job.getSpec().getTemplate().getMetadata().getLabels());
    labels.put("batch.kubernetes.io/job-name", job.getMetadata().getName());
    labels.put("job-name", job.getMetadata().getName());
    String now = now();
    Pod pod =
        client
            .pods()
            .inNamespace(job.getMetadata().getNamespace())
            .resource(
                new PodBuilder()
                    .withNewMetadata()
                    .withName(
                        job.getMetadata().getName()
                            + "-"
                            + UUID.randomUUID().toString().substring(0, 5))
                    .withNamespace(job.getMetadata().getNamespace())
                    .withLabels(labels)
                    .withAnnotations(job.getSpec().getTemplate().getMetadata().getAnnotations())
                    .withOwnerReferences(
                        new OwnerReferenceBuilder()
                            .withApiVersion("batch/v1")
                            .withKind("Job")
                            .withName(job.getMetadata().getName())
                            .withUid(job.getMetadata().getUid())
                            .withController(true)
                            .build())
                    .endMetadata()
                    .withSpec(job.getSpec().getTemplate().getSpec())
                    .build())
            .create();
    pod.setStatus(
        new io.fabric8.kubernetes.api.model.PodStatusBuilder()
            .withPhase("Running")
            .withStartTime(now)
            .withContainerStatuses(
                new ContainerStatusBuilder()
                    .withName("generator")
                    .withNewState()
                    .withNewRunning()
                    .withStartedAt(now)
                    .endRunning()
                    .endState()
                    .build())
            .build());
    Pod running = client.resource(pod).updateStatus();
    updateJobStatus(job, 1, countFailed(job), 0);
    return running;
  }

  /** The pod's generator exits with the code and leaves the termination message. */
  Pod finishPod(Pod pod, int exitCode, String terminationMessage) {
    Pod current = client.resource(pod).get();
    current.getStatus().setPhase(exitCode == 0 ? "Succeeded" : "Failed");
    current
        .getStatus()
        .setContainerStatuses(
            java.util.List.of(
                new ContainerStatusBuilder()
                    .withName("generator")
                    .withNewState()
                    .withNewTerminated()
                    .withExitCode(exitCode)
                    .withMessage(terminationMessage)
                    .withReason(exitCode == 0 ? "Completed" : "Error")
                    .withFinishedAt(now())
                    .endTerminated()
                    .endState()
                    .build()));
    return client.resource(current).updateStatus();
  }

  void podFailedJobRetries(Job job) {
    updateJobStatus(job, 0, countFailed(job) + 1, 0);
  }

  void complete(Job job) {
    Job current = client.resource(job).get();
    current.setStatus(
        new JobStatusBuilder()
            .withStartTime(startTime(current))
            .withSucceeded(1)
            .withFailed(countFailed(current))
            .withActive(0)
            .withCompletionTime(now())
            .withConditions(
                new JobConditionBuilder()
                    .withType("Complete")
                    .withStatus("True")
                    .withLastTransitionTime(now())
                    .build())
            .build());
    client.resource(current).updateStatus();
  }

  void fail(Job job, String reason, String message) {
    Job current = client.resource(job).get();
    current.setStatus(
        new JobStatusBuilder()
            .withStartTime(startTime(current))
            .withFailed(countFailed(current) + 1)
            .withActive(0)
            .withConditions(
                new JobConditionBuilder()
                    .withType("Failed")
                    .withStatus("True")
                    .withReason(reason)
                    .withMessage(message)
                    .withLastTransitionTime(now())
                    .build())
            .build());
    client.resource(current).updateStatus();
  }

  private void updateJobStatus(Job job, int active, int failed, int succeeded) {
    Job current = client.resource(job).get();
    current.setStatus(
        new JobStatusBuilder()
            .withStartTime(startTime(current))
            .withActive(active)
            .withFailed(failed)
            .withSucceeded(succeeded)
            .build());
    client.resource(current).updateStatus();
  }

  private int countFailed(Job job) {
    Job current = client.resource(job).get();
    return current.getStatus() == null || current.getStatus().getFailed() == null
        ? 0
        : current.getStatus().getFailed();
  }

  private static String startTime(Job job) {
    return job.getStatus() != null && job.getStatus().getStartTime() != null
        ? job.getStatus().getStartTime()
        : now();
  }

  private static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }
}

package io.taskoverflow.operator;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.taskoverflow.operator.job.GeneratorJobFactory;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * Plays the kubelet of one node, the only part of Kubernetes these tests stand in for. The real Job
 * controller creates the generator pods; this binds one to the node and reports its container
 * running, then terminated with an exit code and a termination message, through the pod's status as
 * a kubelet does. What follows on the Job (counts, retries, podFailurePolicy, conditions) is
 * Kubernetes' own.
 */
final class TestKubelet {

  /** What a container stopped by SIGTERM exits with. */
  static final int TERMINATED_BY_SIGNAL = 143;

  private static final Duration POD_TIMEOUT = Duration.ofSeconds(60);

  private final KubernetesClient admin;
  private final String namespace;
  private final String node;

  TestKubelet(KubernetesClient admin, String namespace, String node) {
    this.admin = admin;
    this.namespace = namespace;
    this.node = node;
  }

  /**
   * Waits for a pod of the Job that no node runs yet (the Job controller creates it, after a
   * backoff when it replaces a failed one), binds it here and reports its container running.
   */
  Pod startNextPod(String jobName) {
    Pod pod =
        await()
            .atMost(POD_TIMEOUT)
            .until(
                () ->
                    pods(jobName).stream()
                        .filter(p -> p.getSpec().getNodeName() == null)
                        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                        .findFirst()
                        .orElse(null),
                Objects::nonNull);
    return start(pod);
  }

  /** Binds this pod here and reports its container running. */
  Pod start(Pod pod) {
    admin
        .bindings()
        .inNamespace(namespace)
        .resource(
            new BindingBuilder()
                .withNewMetadata()
                .withName(pod.getMetadata().getName())
                .endMetadata()
                .withNewTarget()
                .withApiVersion("v1")
                .withKind("Node")
                .withName(node)
                .endTarget()
                .build())
        .create();
    String now = now();
    return writeStatus(
        pod,
        podStatus(
            pod,
            "Running",
            now,
            true,
            null,
            new ContainerStateBuilder().withNewRunning(now).build()));
  }

  /** The generator exits with this code, leaving this termination message. */
  Pod finish(Pod pod, int exitCode, String terminationMessage) {
    Pod current = admin.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).get();
    String startedAt = current.getStatus().getStartTime();
    String reason = exitCode == 0 ? "Completed" : "Error";
    ContainerState terminated =
        new ContainerStateBuilder()
            .withNewTerminated()
            .withExitCode(exitCode)
            .withReason(reason)
            .withMessage(terminationMessage)
            .withStartedAt(startedAt)
            .withFinishedAt(now())
            .endTerminated()
            .build();
    return writeStatus(
        current,
        podStatus(
            current,
            exitCode == 0 ? "Succeeded" : "Failed",
            startedAt,
            false,
            exitCode == 0 ? "PodCompleted" : "PodFailed",
            terminated));
  }

  /**
   * The status a kubelet writes for the pod: the generator container in this state, ready (and its
   * pod's conditions true) while it runs; {@code reason} is the conditions' once it has ended.
   */
  private static PodStatus podStatus(
      Pod pod,
      String phase,
      String startTime,
      boolean ready,
      String reason,
      ContainerState container) {
    String readiness = ready ? "True" : "False";
    return new PodStatusBuilder()
        .withPhase(phase)
        .withStartTime(startTime)
        .withConditions(
            condition("PodScheduled", "True", null),
            condition("Initialized", "True", reason),
            condition("ContainersReady", readiness, reason),
            condition("Ready", readiness, reason))
        .withContainerStatuses(
            new ContainerStatusBuilder()
                .withName(GeneratorJobFactory.CONTAINER_NAME)
                .withImage(pod.getSpec().getContainers().get(0).getImage())
                .withReady(ready)
                .withStarted(ready)
                .withRestartCount(0)
                .withState(container)
                .build())
        .build();
  }

  /**
   * Honours the graceful deletion of a running pod: waits until it is marked for deletion, reports
   * its container stopped by the signal, and removes the pod object, as a kubelet does.
   */
  void stopDeleted(Pod pod) {
    await()
        .atMost(POD_TIMEOUT)
        .until(
            () ->
                admin
                    .pods()
                    .inNamespace(namespace)
                    .withName(pod.getMetadata().getName())
                    .get()
                    .getMetadata()
                    .getDeletionTimestamp(),
            Objects::nonNull);
    finish(pod, TERMINATED_BY_SIGNAL, "");
    admin
        .pods()
        .inNamespace(namespace)
        .withName(pod.getMetadata().getName())
        .withGracePeriod(0)
        .delete();
  }

  /** The Job controller's pods of this Job, deleted ones too. */
  List<Pod> pods(String jobName) {
    return admin
        .pods()
        .inNamespace(namespace)
        .withLabel("batch.kubernetes.io/job-name", jobName)
        .list()
        .getItems();
  }

  /** Retried on a conflict: the Job controller may change the pod at the same moment. */
  private Pod writeStatus(Pod pod, PodStatus status) {
    for (int attempt = 1; ; attempt++) {
      try {
        return admin
            .pods()
            .inNamespace(namespace)
            .withName(pod.getMetadata().getName())
            .editStatus(current -> new PodBuilder(current).withStatus(status).build());
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt == 5) {
          throw e;
        }
      }
    }
  }

  private static PodCondition condition(String type, String status, String reason) {
    return new PodConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withLastTransitionTime(now())
        .build();
  }

  private static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }
}

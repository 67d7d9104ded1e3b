package io.taskoverflow.sandbox.node;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.time.Instant;
import java.util.List;

/** Pod statuses as the kubelet writes them, for the three states of a single container. */
final class PodStatuses {

  static final String HOST_IP = "127.0.0.1";

  private PodStatuses() {}

  /** The container cannot start: wrong image, or a Secret/ConfigMap reference unresolved. */
  static PodStatus waiting(Pod pod, Container container, String reason, String message) {
    ContainerStatus status =
        base(container)
            .withState(
                new ContainerStateBuilder()
                    .withNewWaiting()
                    .withReason(reason)
                    .withMessage(message)
                    .endWaiting()
                    .build())
            .withReady(false)
            .withStarted(false)
            .build();
    return pod(pod, "Pending", null, "ContainersNotReady", status);
  }

  static PodStatus running(Pod pod, Container container, PodProcess process) {
    ContainerStatus status =
        base(container)
            .withContainerID(containerId(process))
            .withState(
                new ContainerStateBuilder()
                    .withNewRunning()
                    .withStartedAt(time(process.startedAt()))
                    .endRunning()
                    .build())
            .withReady(true)
            .withStarted(true)
            .build();
    return pod(pod, "Running", HOST_IP, null, status);
  }

  static PodStatus terminated(
      Pod pod, Container container, PodProcess process, String message, Instant finishedAt) {
    int exitCode = process.exitCode();
    ContainerStatus status =
        base(container)
            .withContainerID(containerId(process))
            .withState(
                new ContainerStateBuilder()
                    .withNewTerminated()
                    .withExitCode(exitCode)
                    .withReason(exitCode == 0 ? "Completed" : "Error")
                    .withMessage(message.isEmpty() ? null : message)
                    .withStartedAt(time(process.startedAt()))
                    .withFinishedAt(time(finishedAt))
                    .withContainerID(containerId(process))
                    .endTerminated()
                    .build())
            .withReady(false)
            .withStarted(false)
            .build();
    return pod(pod, exitCode == 0 ? "Succeeded" : "Failed", HOST_IP, "PodCompleted", status);
  }

  /** {@code sandbox://<pid>}: the process that ran the container, for people and tests. */
  static String containerId(PodProcess process) {
    return "sandbox://" + process.pid();
  }

  static String time(Instant instant) {
    return instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
  }

  /**
   * A scheduled, initialised pod with one container; {@code notReadyReason} is null while the
   * container is ready and otherwise says why it is not, as the Ready conditions do.
   */
  private static PodStatus pod(
      Pod pod, String phase, String podIp, String notReadyReason, ContainerStatus container) {
    String ready = notReadyReason == null ? "True" : "False";
    return new PodStatusBuilder()
        .withPhase(phase)
        .withHostIP(HOST_IP)
        .withPodIP(podIp)
        .withStartTime(startTime(pod))
        .withConditions(
            condition("PodScheduled", "True", null),
            condition("Initialized", "True", null),
            condition("ContainersReady", ready, notReadyReason),
            condition("Ready", ready, notReadyReason))
        .withContainerStatuses(List.of(container))
        .build();
  }

  private static ContainerStatusBuilder base(Container container) {
    return new ContainerStatusBuilder()
        .withName(container.getName())
        .withImage(container.getImage())
        .withImageID("")
        .withRestartCount(0);
  }

  private static String startTime(Pod pod) {
    PodStatus current = pod.getStatus();
    return current != null && current.getStartTime() != null
        ? current.getStartTime()
        : time(Instant.now());
  }

  private static PodCondition condition(String type, String status, String reason) {
    return new PodConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withLastTransitionTime(time(Instant.now()))
        .build();
  }
}

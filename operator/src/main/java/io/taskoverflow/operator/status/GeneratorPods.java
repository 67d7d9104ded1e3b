package io.taskoverflow.operator.status;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.taskoverflow.operator.job.GeneratorJobFactory;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What an export's generator pods say: which run, which failed, and their last words. */
final class GeneratorPods {

  private static final Comparator<Pod> OLDEST_FIRST =
      Comparator.comparing(
              (Pod pod) -> Objects.toString(pod.getMetadata().getCreationTimestamp(), ""))
          .thenComparing(pod -> pod.getMetadata().getName());

  private final List<Pod> pods;

  GeneratorPods(List<Pod> pods) {
    this.pods = pods.stream().sorted(OLDEST_FIRST).toList();
  }

  int count() {
    return pods.size();
  }

  boolean anyRunning() {
    return pods.stream().anyMatch(pod -> "Running".equals(phase(pod)));
  }

  long failedCount() {
    return pods.stream().filter(pod -> "Failed".equals(phase(pod))).count();
  }

  Optional<Pod> latestInPhase(String phase) {
    return pods.stream().filter(pod -> phase.equals(phase(pod))).reduce((first, second) -> second);
  }

  /** When the first pod started, RFC 3339. */
  Optional<String> firstStartTime() {
    return pods.stream()
        .map(pod -> pod.getStatus() == null ? null : pod.getStatus().getStartTime())
        .filter(Objects::nonNull)
        .min(Comparator.naturalOrder());
  }

  /** The generator container's termination, if it has ended. */
  static Optional<ContainerStateTerminated> termination(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return Optional.empty();
    }
    return pod.getStatus().getContainerStatuses().stream()
        .filter(status -> GeneratorJobFactory.CONTAINER_NAME.equals(status.getName()))
        .map(ContainerStatus::getState)
        .filter(state -> state != null && state.getTerminated() != null)
        .map(state -> state.getTerminated())
        .findFirst();
  }

  private static String phase(Pod pod) {
    return pod.getStatus() == null ? null : pod.getStatus().getPhase();
  }
}

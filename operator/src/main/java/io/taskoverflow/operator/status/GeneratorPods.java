package io.taskoverflow.operator.status;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.taskoverflow.model.job.GeneratorExitCode;
import io.taskoverflow.model.job.GeneratorReport;
import io.taskoverflow.operator.job.GeneratorJobFactory;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an export's generator pods say: which run, which failed, how the generator ended and its
 * last words. The kubelet writes a container's exit code and termination message in the same status
 * update that ends the pod, so they are known before the Job controller counts the pod.
 */
public final class GeneratorPods {

  private static final Comparator<Pod> OLDEST_FIRST =
      Comparator.comparing(
              (Pod pod) -> Objects.toString(pod.getMetadata().getCreationTimestamp(), ""))
          .thenComparing(pod -> pod.getMetadata().getName());

  private final List<Pod> pods;

  public GeneratorPods(List<Pod> pods) {
    this.pods = pods.stream().sorted(OLDEST_FIRST).toList();
  }

  boolean anyRunning() {
    return pods.stream().anyMatch(pod -> "Running".equals(phase(pod)));
  }

  /** A pod that has not stopped yet (Pending or Running), even if it is being deleted. */
  boolean anyNotStopped() {
    return pods.stream()
        .map(GeneratorPods::phase)
        .anyMatch(phase -> !"Succeeded".equals(phase) && !"Failed".equals(phase));
  }

  /** Attempts that really ran: the generator container started, whatever became of it. */
  int ranCount() {
    return (int) pods.stream().filter(GeneratorPods::ran).count();
  }

  /**
   * Attempts that ran and failed. A pod that never started its container (deleted while it waited
   * for a node or an image) is no attempt, though the Job counts it as failed.
   */
  long failedAttempts() {
    return pods.stream().filter(pod -> "Failed".equals(phase(pod)) && ran(pod)).count();
  }

  Optional<Pod> latestFailedAttempt() {
    return pods.stream()
        .filter(pod -> "Failed".equals(phase(pod)) && ran(pod))
        .reduce((first, second) -> second);
  }

  Optional<Pod> latestInPhase(String phase) {
    return pods.stream().filter(pod -> phase.equals(phase(pod))).reduce((first, second) -> second);
  }

  /** The report of a generator that exited 0 and left a valid summary: the export is done. */
  Optional<Finished> succeeded() {
    return pods.stream()
        .map(pod -> termination(pod).filter(t -> exitCode(t) == GeneratorExitCode.SUCCESS))
        .flatMap(Optional::stream)
        .map(t -> new Finished(GeneratorReport.parse(t.getMessage()), t.getFinishedAt()))
        .filter(finished -> finished.report().succeeded())
        .reduce((first, second) -> second);
  }

  /**
   * A generator that exited with the permanent error code: the Job's podFailurePolicy fails the Job
   * on it without a retry, so the export has failed already.
   */
  Optional<Pod> permanentFailure() {
    return pods.stream()
        .filter(
            pod ->
                termination(pod)
                    .filter(t -> exitCode(t) == GeneratorExitCode.PERMANENT)
                    .isPresent())
        .reduce((first, second) -> second);
  }

  /**
   * The generator has ended for good (exit 0, or the permanent error): its Job takes no node slot
   * any more, whatever the Job controller has recorded so far.
   */
  public boolean generatorEnded() {
    return pods.stream()
        .map(GeneratorPods::termination)
        .flatMap(Optional::stream)
        .anyMatch(
            t ->
                exitCode(t) == GeneratorExitCode.SUCCESS
                    || exitCode(t) == GeneratorExitCode.PERMANENT);
  }

  /** When the first attempt started, RFC 3339. */
  Optional<String> firstStartTime() {
    return pods.stream()
        .map(pod -> pod.getStatus() == null ? null : pod.getStatus().getStartTime())
        .filter(Objects::nonNull)
        .min(Comparator.naturalOrder());
  }

  /** The report a generator left and when its container ended (RFC 3339, may be null). */
  record Finished(GeneratorReport report, String finishedAt) {}

  /** The generator container's termination, if it has ended. */
  static Optional<ContainerStateTerminated> termination(Pod pod) {
    return generatorState(pod).map(ContainerState::getTerminated);
  }

  /** The generator container started: it runs, or it ended after having started. */
  static boolean ran(Pod pod) {
    return generatorState(pod)
        .filter(
            state ->
                state.getRunning() != null
                    || (state.getTerminated() != null
                        && state.getTerminated().getStartedAt() != null))
        .isPresent();
  }

  private static Optional<ContainerState> generatorState(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return Optional.empty();
    }
    return pod.getStatus().getContainerStatuses().stream()
        .filter(status -> GeneratorJobFactory.CONTAINER_NAME.equals(status.getName()))
        .map(ContainerStatus::getState)
        .filter(Objects::nonNull)
        .filter(state -> state.getRunning() != null || state.getTerminated() != null)
        .findFirst();
  }

  private static int exitCode(ContainerStateTerminated terminated) {
    return terminated.getExitCode() == null ? -1 : terminated.getExitCode();
  }

  private static String phase(Pod pod) {
    return pod.getStatus() == null ? null : pod.getStatus().getPhase();
  }
}

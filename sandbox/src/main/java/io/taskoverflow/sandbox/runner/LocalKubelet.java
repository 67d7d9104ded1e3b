package io.taskoverflow.sandbox.runner;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubelet's part: runs the pods bound to the sandbox node, one process per pod (the first
 * container; pods here have one), and writes their status. Every method runs on the runner's single
 * thread.
 */
final class LocalKubelet {

  static final String NODE_NAME = "sandbox";

  private static final Logger LOG = LoggerFactory.getLogger(LocalKubelet.class);

  private final KubernetesClient client;
  private final ImageCatalog images;
  private final EnvResolver envResolver;
  private final Path podsDirectory;
  private final Executor runnerThread;
  private final Consumer<Pod> onContainerExit;
  private final Map<String, PodProcess> processesByPodUid = new ConcurrentHashMap<>();
  private final Map<String, Long> pidsByPodName = new ConcurrentHashMap<>();

  LocalKubelet(
      KubernetesClient client,
      ImageCatalog images,
      Path podsDirectory,
      Executor runnerThread,
      Consumer<Pod> onContainerExit) {
    this.client = client;
    this.images = images;
    this.envResolver = new EnvResolver(client);
    this.podsDirectory = podsDirectory;
    this.runnerThread = runnerThread;
    this.onContainerExit = onContainerExit;
  }

  /** Starts the pod's container if it is ours, pending and not started yet. */
  void sync(Pod pod) {
    if (!NODE_NAME.equals(pod.getSpec().getNodeName())
        || pod.getMetadata().getDeletionTimestamp() != null
        || processesByPodUid.containsKey(pod.getMetadata().getUid())
        || !"Pending".equals(phase(pod))) {
      return;
    }
    Container container = pod.getSpec().getContainers().get(0);
    Optional<String> mainClass = images.mainClassFor(container.getImage());
    if (mainClass.isEmpty()) {
      waiting(
          pod,
          container,
          "ErrImagePull",
          "image \"" + container.getImage() + "\" is not known to the sandbox's Job runner");
      return;
    }
    Map<String, String> env;
    try {
      env = envResolver.resolve(pod, container);
    } catch (ContainerConfigException e) {
      waiting(pod, container, "CreateContainerConfigError", e.getMessage());
      return;
    }
    PodProcess process;
    try {
      process =
          PodProcess.start(
              pod.getMetadata().getName(),
              mainClass.get(),
              env,
              container.getResources(),
              podsDirectory.resolve(
                  pod.getMetadata().getNamespace() + "_" + pod.getMetadata().getName()));
    } catch (IOException e) {
      waiting(pod, container, "RunContainerError", e.getMessage());
      return;
    }
    processesByPodUid.put(pod.getMetadata().getUid(), process);
    pidsByPodName.put(pod.getMetadata().getName(), process.pid());
    LOG.info(
        "Pod {}/{}: started {} as process {}",
        pod.getMetadata().getNamespace(),
        pod.getMetadata().getName(),
        mainClass.get(),
        process.pid());
    StatusWrites.podStatus(client, pod, PodStatuses.running(pod, container, process));
    process.onExit().thenRunAsync(() -> exited(pod, container, process), runnerThread);
  }

  /** The pod object is gone (or going): stop its process. */
  void forget(Pod pod) {
    PodProcess process = processesByPodUid.remove(pod.getMetadata().getUid());
    if (process != null && process.isAlive()) {
      LOG.info(
          "Pod {}/{} deleted: stopping process {}",
          pod.getMetadata().getNamespace(),
          pod.getMetadata().getName(),
          process.pid());
      process.kill(gracePeriod(pod));
    }
  }

  /** Stops every process, for shutdown. */
  void stopAll(long gracePeriodSeconds) {
    processesByPodUid.values().stream()
        .filter(PodProcess::isAlive)
        .forEach(process -> process.kill(gracePeriodSeconds));
    processesByPodUid.clear();
  }

  /** The pid each pod's container ran as, by pod name: evidence a generator was its own process. */
  Map<String, Long> pidsByPodName() {
    return Map.copyOf(pidsByPodName);
  }

  List<Long> runningPids() {
    return processesByPodUid.values().stream()
        .filter(PodProcess::isAlive)
        .map(PodProcess::pid)
        .toList();
  }

  private void exited(Pod pod, Container container, PodProcess process) {
    if (processesByPodUid.get(pod.getMetadata().getUid()) != process) {
      return; // killed because the pod was deleted: nothing left to report on
    }
    String message =
        process.terminationMessage(
            "FallbackToLogsOnError".equals(container.getTerminationMessagePolicy()));
    LOG.info(
        "Pod {}/{}: process {} exited with {}",
        pod.getMetadata().getNamespace(),
        pod.getMetadata().getName(),
        process.pid(),
        process.exitCode());
    StatusWrites.podStatus(
        client, pod, PodStatuses.terminated(pod, container, process, message, Instant.now()));
    onContainerExit.accept(pod);
  }

  private void waiting(Pod pod, Container container, String reason, String message) {
    boolean unchanged =
        pod.getStatus() != null
            && pod.getStatus().getContainerStatuses().stream()
                .map(ContainerStatus::getState)
                .filter(state -> state != null && state.getWaiting() != null)
                .anyMatch(
                    state ->
                        reason.equals(state.getWaiting().getReason())
                            && Objects.equals(message, state.getWaiting().getMessage()));
    if (!unchanged) {
      LOG.info(
          "Pod {}/{}: {}: {}",
          pod.getMetadata().getNamespace(),
          pod.getMetadata().getName(),
          reason,
          message);
      StatusWrites.podStatus(client, pod, PodStatuses.waiting(pod, container, reason, message));
    }
  }

  private static long gracePeriod(Pod pod) {
    Long seconds = pod.getSpec().getTerminationGracePeriodSeconds();
    return seconds == null ? 30 : seconds;
  }

  private static String phase(Pod pod) {
    return pod.getStatus() == null ? "Pending" : pod.getStatus().getPhase();
  }
}

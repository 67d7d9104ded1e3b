package io.taskoverflow.sandbox.node;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubelet's pod work: runs each pod bound to this node as one local process (its first
 * container; the generator's pods have one), writes the pod's status as the kubelet does, stops the
 * process when the pod is deleted (SIGTERM, SIGKILL after the grace period) and then removes the
 * pod object. Every state change runs on the agent's one thread.
 */
final class Kubelet {

  private static final Logger LOG = LoggerFactory.getLogger(Kubelet.class);
  private static final long RETRY_MILLIS = 1000;

  private final KubernetesClient client;
  private final String nodeName;
  private final ImageCatalog images;
  private final EnvResolver envResolver;
  private final Path podsDirectory;
  private final ScheduledExecutorService thread;
  private final Executor stopper;
  private final Map<String, PodProcess> processesByPodUid = new ConcurrentHashMap<>();
  private final Map<String, Long> pidsByPodName = new ConcurrentHashMap<>();

  Kubelet(
      KubernetesClient client,
      String nodeName,
      ImageCatalog images,
      Path podsDirectory,
      ScheduledExecutorService thread,
      Executor stopper) {
    this.client = client;
    this.nodeName = nodeName;
    this.images = images;
    this.envResolver = new EnvResolver(client);
    this.podsDirectory = podsDirectory;
    this.thread = thread;
    this.stopper = stopper;
  }

  /** Brings the pod's process in line with the pod object. */
  void sync(Pod pod) {
    if (!nodeName.equals(pod.getSpec().getNodeName())) {
      return;
    }
    if (pod.getMetadata().getDeletionTimestamp() != null) {
      terminate(pod);
    } else if (!processesByPodUid.containsKey(uid(pod)) && "Pending".equals(phase(pod))) {
      startContainer(pod);
    }
  }

  /** The pod object is gone: its process must be too. */
  void forget(Pod pod) {
    PodProcess process = processesByPodUid.remove(uid(pod));
    if (process != null && process.isAlive()) {
      stopper.execute(() -> process.kill(0));
    }
  }

  /** Stops every process, for shutdown. */
  void stopAll(long gracePeriodSeconds) {
    processesByPodUid.values().stream()
        .filter(PodProcess::isAlive)
        .forEach(process -> process.kill(gracePeriodSeconds));
    processesByPodUid.clear();
  }

  Map<String, Long> pidsByPodName() {
    return Map.copyOf(pidsByPodName);
  }

  List<Long> runningPids() {
    return processesByPodUid.values().stream()
        .filter(PodProcess::isAlive)
        .map(PodProcess::pid)
        .toList();
  }

  /** The output of a pod's container, for the log server. */
  Optional<ContainerLogServer.ContainerLog> log(
      String namespace, String podName, String container) {
    Path file = podDirectory(namespace, podName).resolve("container.log");
    if (!file.toFile().isFile()) {
      return Optional.empty();
    }
    Optional<PodProcess> process =
        processesByPodUid.values().stream().filter(p -> p.log().equals(file)).findFirst();
    return Optional.of(
        new ContainerLogServer.ContainerLog(
            file, () -> process.map(PodProcess::isAlive).orElse(false)));
  }

  private void startContainer(Pod pod) {
    Container container = pod.getSpec().getContainers().get(0);
    Optional<String> mainClass = images.mainClassFor(container.getImage());
    if (mainClass.isEmpty()) {
      waiting(
          pod,
          container,
          "ErrImagePull",
          "image \"" + container.getImage() + "\" is not known to the sandbox's node agent");
      return;
    }
    Map<String, String> env;
    try {
      env = envResolver.resolve(pod, container);
    } catch (ContainerConfigException e) {
      waiting(pod, container, "CreateContainerConfigError", e.getMessage());
      return;
    } catch (KubernetesClientException e) {
      if (e.getCode() != 403) {
        throw e;
      }
      // The Node authorizer learns of a pod's Secrets a moment after the pod is bound.
      thread.schedule(() -> resync(pod), RETRY_MILLIS, TimeUnit.MILLISECONDS);
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
              podDirectory(pod.getMetadata().getNamespace(), pod.getMetadata().getName()));
    } catch (IOException e) {
      waiting(pod, container, "RunContainerError", e.getMessage());
      return;
    }
    processesByPodUid.put(uid(pod), process);
    pidsByPodName.put(pod.getMetadata().getName(), process.pid());
    LOG.info("Pod {}: started {} as process {}", key(pod), mainClass.get(), process.pid());
    writeStatus(pod, PodStatuses.running(pod, container, process));
    process.onExit().thenRunAsync(() -> exited(pod, container, process), thread);
  }

  /** Graceful deletion: stop the process, report how it ended, then remove the pod object. */
  private void terminate(Pod pod) {
    PodProcess process = processesByPodUid.get(uid(pod));
    if (process != null && process.isAlive()) {
      if (process.markStopping()) {
        long grace =
            Objects.requireNonNullElse(pod.getMetadata().getDeletionGracePeriodSeconds(), 30L);
        LOG.info(
            "Pod {} deleted: stopping process {} (grace {} s)", key(pod), process.pid(), grace);
        stopper.execute(() -> process.kill(grace));
      }
      return; // exited() finishes the deletion
    }
    removePodObject(pod);
  }

  private void exited(Pod pod, Container container, PodProcess process) {
    if (processesByPodUid.get(uid(pod)) != process) {
      return; // the pod object is already gone
    }
    String message =
        process.terminationMessage(
            "FallbackToLogsOnError".equals(container.getTerminationMessagePolicy()));
    LOG.info("Pod {}: process {} exited with {}", key(pod), process.pid(), process.exitCode());
    writeStatus(pod, PodStatuses.terminated(pod, container, process, message, Instant.now()));
    if (process.isStopping()) {
      removePodObject(pod);
    }
  }

  private void removePodObject(Pod pod) {
    try {
      client
          .pods()
          .inNamespace(pod.getMetadata().getNamespace())
          .withName(pod.getMetadata().getName())
          .withGracePeriod(0)
          .delete();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
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
      LOG.info("Pod {}: {}: {}", key(pod), reason, message);
      writeStatus(pod, PodStatuses.waiting(pod, container, reason, message));
    }
  }

  /** A strategic merge patch of the status, as the kubelet sends: conditions merge by type. */
  private void writeStatus(Pod pod, PodStatus status) {
    try {
      client
          .pods()
          .inNamespace(pod.getMetadata().getNamespace())
          .withName(pod.getMetadata().getName())
          .subresource("status")
          .patch(
              PatchContext.of(PatchType.STRATEGIC_MERGE),
              Serialization.asJson(Map.of("status", status)));
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) { // deleted meanwhile: nothing left to report on
        throw e;
      }
    }
  }

  private void resync(Pod pod) {
    Pod current =
        client
            .pods()
            .inNamespace(pod.getMetadata().getNamespace())
            .withName(pod.getMetadata().getName())
            .get();
    if (current != null && Objects.equals(uid(current), uid(pod))) {
      sync(current);
    }
  }

  private Path podDirectory(String namespace, String podName) {
    return podsDirectory.resolve(namespace + "_" + podName);
  }

  private static String uid(Pod pod) {
    return pod.getMetadata().getUid();
  }

  private static String key(Pod pod) {
    return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
  }

  private static String phase(Pod pod) {
    return pod.getStatus() == null || pod.getStatus().getPhase() == null
        ? "Pending"
        : pod.getStatus().getPhase();
  }
}

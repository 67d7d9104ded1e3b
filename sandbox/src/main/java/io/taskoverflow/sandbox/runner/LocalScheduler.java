package io.taskoverflow.sandbox.runner;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's part for the sandbox's one node: binds pending pods to it in the order they
 * arrived while fewer than {@code capacity} of its pods are active, and marks the others {@code
 * PodScheduled=False}, reason {@code Unschedulable}, as kube-scheduler does when no node has room.
 * A full node therefore queues pods instead of starting a JVM for each. Runs on the runner's single
 * thread.
 */
final class LocalScheduler {

  static final String UNSCHEDULABLE = "Unschedulable";

  private static final Logger LOG = LoggerFactory.getLogger(LocalScheduler.class);

  private final KubernetesClient client;
  private final int capacity;

  /** Uids of the node's pods that are neither finished nor deleted: the slots in use. */
  private final Set<String> occupying = new HashSet<>();

  /** Uids this scheduler bound: an event from before the binding must not queue them again. */
  private final Set<String> bound = new HashSet<>();

  /** Unbound pending pods, oldest first, and whether they were already marked unschedulable. */
  private final Map<String, Waiting> waiting = new LinkedHashMap<>();

  private static final class Waiting {
    private Pod pod;
    private boolean markedUnschedulable;

    private Waiting(Pod pod) {
      this.pod = pod;
    }
  }

  LocalScheduler(KubernetesClient client, int capacity) {
    this.client = client;
    this.capacity = capacity;
  }

  /** A pod was added or changed. */
  void sync(Pod pod) {
    String uid = pod.getMetadata().getUid();
    if (pod.getMetadata().getDeletionTimestamp() != null) {
      forget(pod);
      return;
    }
    String node = pod.getSpec().getNodeName();
    if (node != null) {
      waiting.remove(uid);
      if (LocalKubelet.NODE_NAME.equals(node) && isActive(pod)) {
        occupying.add(uid); // also pods bound before the runner started
      } else {
        occupying.remove(uid);
      }
    } else if (!bound.contains(uid) && isActive(pod)) {
      waiting.computeIfAbsent(uid, key -> new Waiting(pod)).pod = pod;
    }
    scheduleWaiting();
  }

  /** The pod is gone: its slot, if it had one, frees up. */
  void forget(Pod pod) {
    String uid = pod.getMetadata().getUid();
    occupying.remove(uid);
    bound.remove(uid);
    waiting.remove(uid);
    scheduleWaiting();
  }

  private void scheduleWaiting() {
    Iterator<Waiting> queue = waiting.values().iterator();
    while (queue.hasNext()) {
      Waiting next = queue.next();
      if (occupying.size() < capacity) {
        queue.remove();
        bind(next.pod);
      } else if (!next.markedUnschedulable) {
        next.markedUnschedulable = true;
        markUnschedulable(next.pod);
      }
    }
  }

  private void bind(Pod pod) {
    String uid = pod.getMetadata().getUid();
    boolean present =
        StatusWrites.ifPresent(
            () ->
                client
                    .pods()
                    .inNamespace(pod.getMetadata().getNamespace())
                    .withName(pod.getMetadata().getName())
                    .edit(
                        current -> {
                          current.getSpec().setNodeName(LocalKubelet.NODE_NAME);
                          return current;
                        }));
    if (present) {
      bound.add(uid);
      occupying.add(uid);
    }
  }

  private void markUnschedulable(Pod pod) {
    String message =
        "0/1 nodes are available: 1 Too many pods (the sandbox node runs at most " + capacity + ")";
    LOG.info(
        "Pod {}/{}: {}: {}",
        pod.getMetadata().getNamespace(),
        pod.getMetadata().getName(),
        UNSCHEDULABLE,
        message);
    PodCondition scheduled =
        new PodConditionBuilder()
            .withType("PodScheduled")
            .withStatus("False")
            .withReason(UNSCHEDULABLE)
            .withMessage(message)
            .withLastTransitionTime(PodStatuses.time(Instant.now()))
            .build();
    StatusWrites.podStatus(
        client, pod, new PodStatusBuilder().withPhase("Pending").withConditions(scheduled).build());
  }

  private static boolean isActive(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return phase == null || "Pending".equals(phase) || "Running".equals(phase);
  }
}

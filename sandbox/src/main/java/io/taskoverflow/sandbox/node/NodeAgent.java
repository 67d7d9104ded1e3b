package io.taskoverflow.sandbox.node;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's one stand-in for a real cluster: the kubelet and container runtime of a single
 * Node. It registers the Node and keeps its Lease fresh, runs the pods the scheduler binds to it as
 * local processes, reports their status, honours graceful deletion and serves their logs. It acts
 * as {@code system:node:<name>}, so the Node authorizer and NodeRestriction hold it to what a
 * kubelet may do.
 */
public final class NodeAgent implements AutoCloseable {

  public static final String NODE_NAME = "sandbox";
  public static final String MAX_RUNNING_PODS_VARIABLE = "SANDBOX_MAX_RUNNING_PODS";

  private static final Duration HEARTBEAT = Duration.ofSeconds(10);
  private static final Duration RESYNC = Duration.ofSeconds(10);
  private static final long SHUTDOWN_GRACE_SECONDS = 5;
  private static final Logger LOG = LoggerFactory.getLogger(NodeAgent.class);

  private final KubernetesClient client;
  private final ScheduledExecutorService thread;
  private final ExecutorService stopper;
  private final Kubelet kubelet;
  private final ContainerLogServer logs;
  private final NodeRegistration registration;
  private SharedIndexInformer<Pod> pods;

  private NodeAgent(
      KubernetesClient client,
      ImageCatalog images,
      Path workDirectory,
      int maxPods,
      String kubeletVersion) {
    this.client = client;
    this.thread = Executors.newSingleThreadScheduledExecutor(daemon("node-agent"));
    this.stopper = Executors.newCachedThreadPool(daemon("node-agent-stop"));
    this.kubelet =
        new Kubelet(client, NODE_NAME, images, workDirectory.resolve("pods"), thread, stopper);
    this.logs = ContainerLogServer.start(workDirectory.resolve("pki"), NODE_NAME, kubelet::log);
    this.registration =
        new NodeRegistration(client, NODE_NAME, maxPods, logs.port(), kubeletVersion);
  }

  /**
   * @param client acting as {@code system:node:sandbox}
   * @param images which images the node can run, and as which main class
   * @param workDirectory where each pod gets a directory for its log and termination message
   * @param maxPods the node's pod capacity, which the scheduler respects
   * @param kubeletVersion the version the Node reports, the control plane's own
   */
  public static NodeAgent start(
      KubernetesClient client,
      ImageCatalog images,
      Path workDirectory,
      int maxPods,
      String kubeletVersion) {
    NodeAgent agent = new NodeAgent(client, images, workDirectory, maxPods, kubeletVersion);
    try {
      agent.registration.register();
      agent.thread.scheduleWithFixedDelay(
          () -> agent.guarded(agent.registration::heartbeat),
          HEARTBEAT.toMillis(),
          HEARTBEAT.toMillis(),
          TimeUnit.MILLISECONDS);
      agent.pods =
          client
              .pods()
              .inAnyNamespace()
              .withField("spec.nodeName", NODE_NAME)
              .inform(agent.handler(), RESYNC.toMillis());
      LOG.info(
          "Node {} registered ({} pods at most; container logs on port {})",
          NODE_NAME,
          maxPods,
          agent.logs.port());
      return agent;
    } catch (RuntimeException e) {
      agent.close();
      throw e;
    }
  }

  /**
   * The node's pod capacity unless told otherwise: {@code SANDBOX_MAX_RUNNING_PODS}, else twice the
   * processors (each pod is a JVM; a laptop should not start hundreds at once).
   */
  public static int defaultMaxPods(Map<String, String> env) {
    String configured = env.get(MAX_RUNNING_PODS_VARIABLE);
    if (configured == null || configured.isBlank()) {
      return 2 * Runtime.getRuntime().availableProcessors();
    }
    try {
      int pods = Integer.parseInt(configured.strip());
      if (pods >= 1) {
        return pods;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        MAX_RUNNING_PODS_VARIABLE + " must be a positive integer, not \"" + configured + "\"");
  }

  /** Pid of each pod's container process, by pod name (pods that ever started). */
  public Map<String, Long> pidsByPodName() {
    return kubelet.pidsByPodName();
  }

  /** Pids of the container processes still running. */
  public List<Long> runningPids() {
    return kubelet.runningPids();
  }

  @Override
  public void close() {
    if (pods != null) {
      pods.close();
    }
    thread.shutdownNow();
    try {
      thread.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    kubelet.stopAll(SHUTDOWN_GRACE_SECONDS);
    stopper.shutdownNow();
    logs.close();
    LOG.info("Node agent stopped; no container processes left");
  }

  private ResourceEventHandler<Pod> handler() {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(Pod pod) {
        submit(() -> kubelet.sync(pod));
      }

      @Override
      public void onUpdate(Pod old, Pod pod) {
        submit(() -> kubelet.sync(pod));
      }

      @Override
      public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
        submit(() -> kubelet.forget(pod));
      }
    };
  }

  private void submit(Runnable work) {
    if (!thread.isShutdown()) {
      thread.execute(() -> guarded(work));
    }
  }

  /** A failed step is logged and left to the next event or resync, as a kubelet does. */
  private void guarded(Runnable work) {
    try {
      work.run();
    } catch (RuntimeException e) {
      if (!thread.isShutdown()) {
        LOG.warn("Node agent: {}", e.toString(), e);
      }
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread t = new Thread(runnable, name);
      t.setDaemon(true);
      return t;
    };
  }
}

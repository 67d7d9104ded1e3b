package io.taskoverflow.operator;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Plays the node for every generator pod of a test namespace, as pods appear and a few at a time:
 * binds each through {@link TestKubelet}, lets the {@link Run} decide how its container ends, and
 * reports that. For tests with more pods than one can follow by hand.
 */
final class TestNode implements AutoCloseable {

  /** What the pod's container does; it ends with the returned outcome. */
  interface Run {
    TestGenerator.Outcome of(Pod pod);
  }

  private static final int CONTAINERS_AT_ONCE = 4;

  private final KubernetesClient admin;
  private final String namespace;
  private final TestKubelet kubelet;
  private final Run run;
  private final Set<String> taken = ConcurrentHashMap.newKeySet();
  private final List<Throwable> failures = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService containers = Executors.newFixedThreadPool(CONTAINERS_AT_ONCE);

  TestNode(TestNamespace namespace, Run run) {
    this.admin = namespace.admin();
    this.namespace = namespace.name();
    this.kubelet = namespace.kubelet();
    this.run = run;
    watcher.scheduleWithFixedDelay(this::takeNewPods, 0, 200, TimeUnit.MILLISECONDS);
  }

  /** What went wrong while playing the node; a test expects none. */
  List<Throwable> failures() {
    return failures;
  }

  private void takeNewPods() {
    try {
      for (Pod pod : admin.pods().inNamespace(namespace).list().getItems()) {
        if (pod.getSpec().getNodeName() == null
            && pod.getMetadata().getDeletionTimestamp() == null
            && taken.add(pod.getMetadata().getName())) {
          containers.submit(() -> runPod(pod));
        }
      }
    } catch (RuntimeException e) {
      failures.add(e);
    }
  }

  private void runPod(Pod pod) {
    try {
      Pod running = kubelet.start(pod);
      TestGenerator.Outcome outcome = run.of(running);
      kubelet.finish(running, outcome.exitCode(), outcome.terminationMessage());
    } catch (RuntimeException e) {
      failures.add(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    watcher.shutdownNow();
    containers.shutdownNow();
    watcher.awaitTermination(10, TimeUnit.SECONDS);
    containers.awaitTermination(10, TimeUnit.SECONDS);
  }
}

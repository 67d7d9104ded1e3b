package io.taskoverflow.sandbox.runner;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands in for the kubelet, the Job controller and the garbage collector of a real cluster: it
 * watches Jobs and Pods and does all its work on one thread, so the three never race each other.
 */
public final class LocalJobRunner implements AutoCloseable {

  /** Kubernetes' delay before the first retry of a failed pod. */
  public static final Duration KUBERNETES_RETRY_DELAY = Duration.ofSeconds(10);

  public static final String MAX_RUNNING_PODS_VARIABLE = "SANDBOX_MAX_RUNNING_PODS";

  private static final Duration GC_PERIOD = Duration.ofSeconds(1);
  private static final long RESYNC_MILLIS = 5_000;
  private static final long SHUTDOWN_GRACE_SECONDS = 5;
  private static final Logger LOG = LoggerFactory.getLogger(LocalJobRunner.class);

  private final KubernetesClient client;
  private final ScheduledExecutorService thread;
  private final LocalScheduler scheduler;
  private final LocalKubelet kubelet;
  private final JobController jobs;
  private final GarbageCollector garbageCollector;
  private SharedIndexInformer<Job> jobInformer;
  private SharedIndexInformer<Pod> podInformer;

  /** A runner whose node has room for any number of pods. */
  public LocalJobRunner(
      KubernetesClient client, ImageCatalog images, Path workDirectory, Duration retryDelay) {
    this(client, images, workDirectory, retryDelay, Integer.MAX_VALUE);
  }

  /**
   * @param images which images the runner can run, and as which main class
   * @param workDirectory where each pod gets a directory for its log and termination message
   * @param retryDelay delay before the first retry of a failed pod, doubled for each further one
   * @param maxRunningPods the node's capacity: pods beyond it stay Pending, Unschedulable
   */
  public LocalJobRunner(
      KubernetesClient client,
      ImageCatalog images,
      Path workDirectory,
      Duration retryDelay,
      int maxRunningPods) {
    if (maxRunningPods < 1) {
      throw new IllegalArgumentException("maxRunningPods must be at least 1");
    }
    this.client = client;
    this.scheduler = new LocalScheduler(client, maxRunningPods);
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread t = new Thread(runnable, "local-job-runner");
              t.setDaemon(true);
              return t;
            });
    this.kubelet = new LocalKubelet(client, images, workDirectory, thread, this::podChanged);
    this.jobs = new JobController(client, kubelet, retryDelay, this::reconcileAt);
    this.garbageCollector = new GarbageCollector(client);
  }

  /**
   * The node capacity a sandbox gets unless told otherwise: {@code SANDBOX_MAX_RUNNING_PODS}, else
   * twice the processors (each pod is a JVM; a laptop should not start hundreds at once).
   */
  public static int defaultMaxRunningPods(Map<String, String> env) {
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

  public LocalJobRunner start() {
    jobInformer =
        client
            .batch()
            .v1()
            .jobs()
            .inAnyNamespace()
            .inform(
                handler(
                    this::jobChanged,
                    (old, job) -> {
                      // A finished Job waits only for its TTL, and reconcileAt has that in hand.
                      if (!isResync(old, job) || !finished(job)) {
                        jobChanged(job);
                      }
                    },
                    job -> submit(garbageCollector::sweep)),
                RESYNC_MILLIS);
    podInformer =
        client
            .pods()
            .inAnyNamespace()
            .inform(
                handler(
                    pod -> {
                      podSeen(pod);
                      podChanged(pod);
                    },
                    (old, pod) -> {
                      podSeen(pod);
                      // The Job controller counts pods by phase; binding or marking a pod
                      // unschedulable changes nothing it sees.
                      if (!isResync(old, pod) && !Objects.equals(phase(old), phase(pod))) {
                        podChanged(pod);
                      }
                    },
                    pod -> {
                      submit(
                          () -> {
                            kubelet.forget(pod);
                            scheduler.forget(pod);
                          });
                      podChanged(pod);
                    }),
                RESYNC_MILLIS);
    thread.scheduleWithFixedDelay(
        () -> guarded(garbageCollector::sweep),
        GC_PERIOD.toMillis(),
        GC_PERIOD.toMillis(),
        TimeUnit.MILLISECONDS);
    LOG.info("Local Job runner watching Jobs and Pods in all namespaces");
    return this;
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
    if (jobInformer != null) {
      jobInformer.close();
      podInformer.close();
    }
    thread.shutdownNow();
    try {
      thread.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    kubelet.stopAll(SHUTDOWN_GRACE_SECONDS);
    LOG.info("Local Job runner stopped; no container processes left");
  }

  private void podSeen(Pod pod) {
    submit(
        () -> {
          scheduler.sync(pod);
          kubelet.sync(pod);
        });
  }

  private static boolean isResync(HasMetadata old, HasMetadata current) {
    return Objects.equals(
        old.getMetadata().getResourceVersion(), current.getMetadata().getResourceVersion());
  }

  private static boolean finished(Job job) {
    return job.getStatus() != null && JobController.finishedAt(job.getStatus()).isPresent();
  }

  private static String phase(Pod pod) {
    return pod.getStatus() == null ? null : pod.getStatus().getPhase();
  }

  private void jobChanged(Job job) {
    submit(() -> jobs.reconcile(job.getMetadata().getNamespace(), job.getMetadata().getName()));
  }

  private void podChanged(Pod pod) {
    String jobName = pod.getMetadata().getLabels().get(JobPods.JOB_NAME_LABEL);
    if (jobName != null) {
      submit(() -> jobs.reconcile(pod.getMetadata().getNamespace(), jobName));
    }
  }

  private void reconcileAt(Job job, Instant when) {
    long delay = Math.max(0, Duration.between(Instant.now(), when).toMillis()) + 50;
    thread.schedule(() -> guarded(() -> jobChanged(job)), delay, TimeUnit.MILLISECONDS);
  }

  private void submit(Runnable work) {
    if (!thread.isShutdown()) {
      thread.execute(() -> guarded(work));
    }
  }

  /** A failure in one step is logged and left to the next event or resync, as controllers do. */
  private void guarded(Runnable work) {
    try {
      work.run();
    } catch (RuntimeException e) {
      if (!thread.isShutdown()) { // interrupted by close(): nothing to report
        LOG.warn("Local Job runner: {}", e.toString(), e);
      }
    }
  }

  private static <T> ResourceEventHandler<T> handler(
      java.util.function.Consumer<T> added,
      java.util.function.BiConsumer<T, T> updated,
      java.util.function.Consumer<T> deleted) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T object) {
        added.accept(object);
      }

      @Override
      public void onUpdate(T oldObject, T newObject) {
        updated.accept(oldObject, newObject);
      }

      @Override
      public void onDelete(T object, boolean deletedFinalStateUnknown) {
        deleted.accept(object);
      }
    };
  }
}

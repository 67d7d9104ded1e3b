package io.taskoverflow.sandbox.runner;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.taskoverflow.sandbox.runner.PodFailurePolicyEvaluator.Action;
import io.taskoverflow.sandbox.runner.PodFailurePolicyEvaluator.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Job controller's part for non-indexed Jobs: creates pods up to parallelism/completions,
 * counts succeeded and failed pods, applies podFailurePolicy, backoffLimit (with the exponential
 * delay between retries), activeDeadlineSeconds and ttlSecondsAfterFinished, and writes the Job's
 * status and conditions like Kubernetes 1.31+. Runs on the runner's single thread.
 */
final class JobController {

  static final int DEFAULT_BACKOFF_LIMIT = 6;
  private static final Duration MAX_RETRY_DELAY = Duration.ofMinutes(6);
  private static final Logger LOG = LoggerFactory.getLogger(JobController.class);

  private final KubernetesClient client;
  private final LocalKubelet kubelet;
  private final Duration retryDelay;
  private final BiConsumer<Job, Instant> reconcileAt;

  /**
   * @param retryDelay delay before the first retry, doubled for each further one (Kubernetes: 10s)
   * @param reconcileAt asks for another reconcile of the Job at the given time
   */
  JobController(
      KubernetesClient client,
      LocalKubelet kubelet,
      Duration retryDelay,
      BiConsumer<Job, Instant> reconcileAt) {
    this.client = client;
    this.kubelet = kubelet;
    this.retryDelay = retryDelay;
    this.reconcileAt = reconcileAt;
  }

  void reconcile(String namespace, String name) {
    Job job = client.batch().v1().jobs().inNamespace(namespace).withName(name).get();
    if (job == null || job.getMetadata().getDeletionTimestamp() != null) {
      return; // its pods go with the garbage collector
    }
    Instant now = Instant.now();
    JobStatus previous = Optional.ofNullable(job.getStatus()).orElseGet(JobStatus::new);
    if (finishedAt(previous).isPresent()) {
      expireIfDue(job, finishedAt(previous).get(), now);
      return;
    }
    if (Boolean.TRUE.equals(job.getSpec().getSuspend())) {
      return;
    }
    JobStatus status = Serialization.clone(previous);
    if (status.getStartTime() == null) {
      status.setStartTime(PodStatuses.time(now));
    }
    List<Pod> pods = pods(job);
    List<Pod> active = pods.stream().filter(JobController::isActive).toList();
    int succeeded = (int) pods.stream().filter(pod -> "Succeeded".equals(phase(pod))).count();
    int failed = 0;
    String failJobMessage = null;
    Instant lastFailure = null;
    for (Pod pod : pods.stream().filter(pod -> "Failed".equals(phase(pod))).toList()) {
      Verdict verdict = PodFailurePolicyEvaluator.evaluate(job, pod);
      if (verdict.action() == Action.IGNORE) {
        continue;
      }
      failed++;
      lastFailure = later(lastFailure, finishedAt(pod));
      if (verdict.action() == Action.FAIL_JOB && failJobMessage == null) {
        failJobMessage = verdict.message();
      }
    }
    int completions = Objects.requireNonNullElse(job.getSpec().getCompletions(), 1);
    int parallelism = Objects.requireNonNullElse(job.getSpec().getParallelism(), 1);
    int backoffLimit =
        Objects.requireNonNullElse(job.getSpec().getBackoffLimit(), DEFAULT_BACKOFF_LIMIT);
    Long deadline = job.getSpec().getActiveDeadlineSeconds();
    Instant deadlineAt =
        deadline == null ? null : Instant.parse(status.getStartTime()).plusSeconds(deadline);

    status.setSucceeded(succeeded);
    status.setFailed(failed);
    if (succeeded >= completions) {
      finish(
          status,
          now,
          "SuccessCriteriaMet",
          "Complete",
          "CompletionsReached",
          "Reached expected number of succeeded pods");
      status.setCompletionTime(PodStatuses.time(now));
      stop(job, active);
      active = List.of();
    } else if (failJobMessage != null) {
      fail(status, now, "PodFailurePolicy", failJobMessage);
      stop(job, active);
      active = List.of();
    } else if (failed > backoffLimit) {
      fail(status, now, "BackoffLimitExceeded", "Job has reached the specified backoff limit");
      stop(job, active);
      active = List.of();
    } else if (deadlineAt != null && !now.isBefore(deadlineAt)) {
      fail(status, now, "DeadlineExceeded", "Job was active longer than specified deadline");
      stop(job, active);
      active = List.of();
    } else {
      int wanted = Math.min(parallelism, completions - succeeded) - active.size();
      Instant retryAt = retryAt(failed, lastFailure);
      if (wanted > 0 && retryAt != null && now.isBefore(retryAt)) {
        reconcileAt.accept(job, retryAt);
      } else {
        List<Pod> created = new ArrayList<>(active);
        for (int i = 0; i < wanted; i++) {
          created.add(createPod(job));
        }
        active = created;
      }
      if (deadlineAt != null) {
        reconcileAt.accept(job, deadlineAt);
      }
    }
    status.setActive(active.size());
    status.setReady((int) active.stream().filter(pod -> "Running".equals(phase(pod))).count());
    status.setTerminating(0);
    if (!status.equals(previous)) {
      StatusWrites.jobStatus(client, job, status);
    }
    finishedAt(status).ifPresent(finished -> expireIfDue(job, finished, now));
  }

  private Pod createPod(Job job) {
    Pod pod = client.pods().resource(JobPods.newPod(job)).create();
    LOG.info(
        "Job {}/{}: created pod {}",
        job.getMetadata().getNamespace(),
        job.getMetadata().getName(),
        pod.getMetadata().getName());
    return pod;
  }

  /** A failed or completed Job deletes its pods that still run. */
  private void stop(Job job, List<Pod> active) {
    for (Pod pod : active) {
      kubelet.forget(pod);
      client.pods().resource(pod).withGracePeriod(0).delete();
      LOG.info(
          "Job {}/{}: deleted active pod {}",
          job.getMetadata().getNamespace(),
          job.getMetadata().getName(),
          pod.getMetadata().getName());
    }
  }

  private void expireIfDue(Job job, Instant finished, Instant now) {
    Integer ttl = job.getSpec().getTtlSecondsAfterFinished();
    if (ttl == null) {
      return;
    }
    Instant expiry = finished.plusSeconds(ttl);
    if (now.isBefore(expiry)) {
      reconcileAt.accept(job, expiry);
      return;
    }
    LOG.info(
        "Job {}/{}: ttlSecondsAfterFinished passed, deleting it",
        job.getMetadata().getNamespace(),
        job.getMetadata().getName());
    client.resource(job).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
  }

  private Instant retryAt(int failed, Instant lastFailure) {
    if (failed == 0 || lastFailure == null) {
      return null;
    }
    long factor = 1L << Math.min(failed - 1, 16);
    Duration delay = retryDelay.multipliedBy(factor);
    return lastFailure.plus(delay.compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : delay);
  }

  private static void fail(JobStatus status, Instant now, String reason, String message) {
    finish(status, now, "FailureTarget", "Failed", reason, message);
  }

  private static void finish(
      JobStatus status,
      Instant now,
      String interim,
      String terminal,
      String reason,
      String message) {
    List<JobCondition> conditions = new ArrayList<>(status.getConditions());
    conditions.add(condition(interim, reason, message, now));
    conditions.add(condition(terminal, reason, message, now));
    status.setConditions(conditions);
  }

  private static JobCondition condition(String type, String reason, String message, Instant now) {
    return new JobConditionBuilder()
        .withType(type)
        .withStatus("True")
        .withReason(reason)
        .withMessage(message)
        .withLastProbeTime(PodStatuses.time(now))
        .withLastTransitionTime(PodStatuses.time(now))
        .build();
  }

  /** When the Job got its Complete or Failed condition, if it has. */
  static Optional<Instant> finishedAt(JobStatus status) {
    return status.getConditions().stream()
        .filter(c -> "True".equals(c.getStatus()))
        .filter(c -> "Complete".equals(c.getType()) || "Failed".equals(c.getType()))
        .map(c -> Instant.parse(c.getLastTransitionTime()))
        .findFirst();
  }

  private List<Pod> pods(Job job) {
    return client
        .pods()
        .inNamespace(job.getMetadata().getNamespace())
        .withLabel(JobPods.JOB_NAME_LABEL, job.getMetadata().getName())
        .list()
        .getItems()
        .stream()
        .filter(pod -> JobPods.ownedBy(pod, job))
        .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null)
        .toList();
  }

  private static boolean isActive(Pod pod) {
    String phase = phase(pod);
    return "Pending".equals(phase) || "Running".equals(phase);
  }

  private static String phase(Pod pod) {
    return pod.getStatus() == null || pod.getStatus().getPhase() == null
        ? "Pending"
        : pod.getStatus().getPhase();
  }

  private static Instant finishedAt(Pod pod) {
    return pod.getStatus().getContainerStatuses().stream()
        .map(ContainerStatus::getState)
        .filter(state -> state != null && state.getTerminated() != null)
        .map(state -> state.getTerminated().getFinishedAt())
        .filter(Objects::nonNull)
        .map(Instant::parse)
        .findFirst()
        .orElse(null);
  }

  private static Instant later(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isAfter(b) ? a : b;
  }
}

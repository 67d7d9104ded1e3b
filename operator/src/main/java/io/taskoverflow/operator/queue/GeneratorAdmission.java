package io.taskoverflow.operator.queue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.source.Cache;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.operator.job.JobNames;
import io.taskoverflow.operator.status.GeneratorPods;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits generator Jobs, which are created suspended, in the order their exports were asked for
 * while fewer than {@code maxRunning} generators run; the rest wait as suspended Jobs, so no pod
 * waits Pending for a node. Every reconciliation of an export of the namespace plans again, so the
 * one that sees a generator end admits the next export.
 *
 * <p>The running count and the queue come from the operator's caches of exports, Jobs and pods, so
 * a restarted operator, or a newly elected leader, carries on where the last one stopped. Only the
 * leader reconciles, and it plans one pass at a time. The one thing held in memory covers the
 * moment between admitting a Job and seeing it in the cache: such a Job counts as running until the
 * cache shows it (or {@link #ADMISSION_SEEN_WITHIN} has passed), so no slot is given twice.
 */
public final class GeneratorAdmission {

  /** Key in the workflow context: whether the Job about to be created may run at once. */
  public static final String ADMITTED = "taskoverflow.io/admitted";

  private static final Logger LOG = LoggerFactory.getLogger(GeneratorAdmission.class);
  private static final String RESUME = "{\"spec\":{\"suspend\":false}}";

  /** Far longer than an informer takes to see a change; bounds what a failed creation holds. */
  static final Duration ADMISSION_SEEN_WITHIN = Duration.ofSeconds(60);

  /** A Job admitted (resumed, or about to be created running) that the cache may not show yet. */
  private record Admitted(String exportUid, Instant at) {}

  private final int maxRunning;
  private final Clock clock;
  private final Map<String, Admitted> admittedUnseen = new HashMap<>();

  public GeneratorAdmission(int maxRunning, Clock clock) {
    this.maxRunning = maxRunning;
    this.clock = clock;
  }

  public int maxRunning() {
    return maxRunning;
  }

  /**
   * Plans admission for the namespace of {@code export}, resumes the admitted Jobs that exist, and
   * tells through the workflow context whether {@code export}'s own Job, if still to be created,
   * may start at once.
   */
  public synchronized AdmissionPlan admit(CalendarExport export, Context<CalendarExport> context) {
    String namespace = export.getMetadata().getNamespace();
    AdmissionPlan plan = plan(export, context);
    for (AdmissionPlan.Waiting admitted : plan.admitted()) {
      if (admitted.jobName() != null) {
        resume(context.getClient(), namespace, admitted, plan);
      }
      admittedUnseen.put(
          key(namespace, admitted.jobName() != null ? admitted.jobName() : ownJobName(export)),
          new Admitted(admitted.exportUid(), clock.instant()));
    }
    context
        .managedWorkflowAndDependentResourceContext()
        .put(ADMITTED, plan.admits(export.getMetadata().getName()));
    return plan;
  }

  private AdmissionPlan plan(CalendarExport export, Context<CalendarExport> context) {
    String namespace = export.getMetadata().getNamespace();
    Map<String, CalendarExport> exportsByUid = new HashMap<>();
    context
        .getPrimaryCache()
        .list(namespace)
        .forEach(each -> exportsByUid.put(each.getMetadata().getUid(), each));
    // The export in hand may be newer than the cache's copy.
    exportsByUid.put(export.getMetadata().getUid(), export);
    Map<String, List<Pod>> podsByJobUid =
        cache(context, Pod.class)
            .list(pod -> namespace.equals(pod.getMetadata().getNamespace()))
            .filter(pod -> controllerUid(pod, "Job").isPresent())
            .collect(Collectors.groupingBy(pod -> controllerUid(pod, "Job").orElseThrow()));

    Map<String, Admitted> unseen = new HashMap<>(admittedUnseen);
    int running = 0;
    boolean ownJobSeen = false;
    List<AdmissionPlan.Waiting> waiting = new ArrayList<>();
    for (Job job :
        cache(context, Job.class)
            .list(job -> namespace.equals(job.getMetadata().getNamespace()))
            .toList()) {
      String key = key(namespace, job.getMetadata().getName());
      CalendarExport owner =
          controllerUid(job, "CalendarExport").map(exportsByUid::get).orElse(null);
      boolean suspended = Boolean.TRUE.equals(job.getSpec().getSuspend());
      if (owner == null || !holdsPlace(owner) || !suspended) {
        // Gone from the queue, or the cache shows the admission: nothing to remember.
        admittedUnseen.remove(key);
        unseen.remove(key);
      }
      if (owner == null || !holdsPlace(owner)) {
        continue;
      }
      ownJobSeen |= owner == export;
      if (suspended && !unseen.containsKey(key)) {
        waiting.add(waiting(owner, job.getMetadata().getName()));
      } else if (suspended
          || (!finished(job)
              && !new GeneratorPods(
                      podsByJobUid.getOrDefault(job.getMetadata().getUid(), List.of()))
                  .generatorEnded())) {
        running++;
        unseen.remove(key);
      }
    }
    // Admitted Jobs the cache does not show at all yet (being created).
    Instant now = clock.instant();
    for (Map.Entry<String, Admitted> entry : unseen.entrySet()) {
      if (!entry.getKey().startsWith(namespace + "/")) {
        continue;
      }
      CalendarExport owner = exportsByUid.get(entry.getValue().exportUid());
      boolean stale = entry.getValue().at().plus(ADMISSION_SEEN_WITHIN).isBefore(now);
      if (stale || owner == null || !holdsPlace(owner)) {
        admittedUnseen.remove(entry.getKey());
      } else {
        running++;
        ownJobSeen |= owner == export;
      }
    }
    if (!ownJobSeen && holdsPlace(export)) {
      // Its Job is about to be created: it queues from now, in the order it was asked for.
      waiting.add(waiting(export, null));
    }
    return AdmissionPlan.of(maxRunning, running, waiting);
  }

  private static String key(String namespace, String jobName) {
    return namespace + "/" + jobName;
  }

  private static String ownJobName(CalendarExport export) {
    return JobNames.forExport(export.getMetadata().getName());
  }

  private static void resume(
      KubernetesClient client,
      String namespace,
      AdmissionPlan.Waiting admitted,
      AdmissionPlan plan) {
    try {
      client
          .batch()
          .v1()
          .jobs()
          .inNamespace(namespace)
          .withName(admitted.jobName())
          .patch(PatchContext.of(PatchType.JSON_MERGE), RESUME);
      LOG.info(
          "Admitted the generator of export {}/{} ({} of {} generators were running)",
          namespace,
          admitted.exportName(),
          plan.running(),
          plan.capacity());
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
        throw e;
      }
      // Gone meanwhile (cancelled, deleted): the next plan no longer sees it.
    }
  }

  /** Cancelled, finished or deleted exports neither wait nor hold a generator slot. */
  private static boolean holdsPlace(CalendarExport export) {
    boolean finished =
        export.getStatus() != null
            && export.getStatus().getPhase() != null
            && export.getStatus().getPhase().isFinal();
    return export.getMetadata().getDeletionTimestamp() == null
        && !export.getSpec().isCancelled()
        && !finished;
  }

  private static AdmissionPlan.Waiting waiting(CalendarExport export, String jobName) {
    return new AdmissionPlan.Waiting(
        export.getMetadata().getName(),
        export.getMetadata().getUid(),
        export.requestedAt(),
        jobName);
  }

  /** Complete, Failed, or decided to fail (FailureTarget): no generator runs for it any more. */
  private static boolean finished(Job job) {
    return job.getStatus() != null
        && job.getStatus().getConditions() != null
        && job.getStatus().getConditions().stream()
            .anyMatch(
                c ->
                    "True".equals(c.getStatus())
                        && List.of("Complete", "Failed", "FailureTarget").contains(c.getType()));
  }

  private static Optional<String> controllerUid(HasMetadata resource, String kind) {
    List<OwnerReference> owners = resource.getMetadata().getOwnerReferences();
    return owners == null
        ? Optional.empty()
        : owners.stream()
            .filter(owner -> Boolean.TRUE.equals(owner.getController()))
            .filter(owner -> kind.equals(owner.getKind()))
            .map(OwnerReference::getUid)
            .findFirst();
  }

  @SuppressWarnings("unchecked")
  private static <R> Cache<R> cache(Context<CalendarExport> context, Class<R> type) {
    return (Cache<R>) context.eventSourceRetriever().getEventSourceFor(type);
  }
}

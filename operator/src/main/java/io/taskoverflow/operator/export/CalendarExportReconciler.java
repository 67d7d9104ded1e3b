package io.taskoverflow.operator.export;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.status.CalendarExportStatus;
import io.taskoverflow.operator.events.ExportEvents;
import io.taskoverflow.operator.job.GeneratorJobDependent;
import io.taskoverflow.operator.job.JobWanted;
import io.taskoverflow.operator.monitoring.ExportPhaseGauge;
import io.taskoverflow.operator.queue.AdmissionPlan;
import io.taskoverflow.operator.queue.GeneratorAdmission;
import io.taskoverflow.operator.status.ExportStatusDeriver;
import io.taskoverflow.operator.unreadable.UnreadableExports;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Keeps one generator Job per export and reports what it does in the export's status. */
@ControllerConfiguration(name = CalendarExportReconciler.NAME)
@Workflow(
    explicitInvocation = true,
    dependents =
        @Dependent(type = GeneratorJobDependent.class, reconcilePrecondition = JobWanted.class))
public class CalendarExportReconciler
    implements Reconciler<CalendarExport>, Cleaner<CalendarExport> {

  public static final String NAME = "calendarexport";

  private static final Duration SHUTDOWN_CHECK = Duration.ofSeconds(5);

  /**
   * A queued export is admitted by the reconciliation that sees a generator end; this look at the
   * queue only backs that up (a missed event must not leave the queue standing still).
   */
  private static final Duration QUEUE_CHECK = Duration.ofSeconds(30);

  private final ExportStatusDeriver deriver = new ExportStatusDeriver();
  private final GeneratorShutdown shutdown = new GeneratorShutdown();
  private final ExportEvents events;
  private final UnreadableExports unreadable;
  private final PhaseChangeEvents announcer;
  private final ExportExpiry expiry;
  private final ExportCleanup cleanup;
  private final ExportReuse reuse;
  private final ExportPhaseGauge phases;
  private final GeneratorAdmission admission;
  private final Clock clock;

  public CalendarExportReconciler(
      ExportEvents events,
      UnreadableExports unreadable,
      ExportExpiry expiry,
      ExportCleanup cleanup,
      ExportReuse reuse,
      ExportPhaseGauge phases,
      GeneratorAdmission admission,
      Clock clock) {
    this.events = events;
    this.unreadable = unreadable;
    this.announcer = new PhaseChangeEvents(events);
    this.expiry = expiry;
    this.cleanup = cleanup;
    this.reuse = reuse;
    this.phases = phases;
    this.admission = admission;
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, CalendarExport>> prepareEventSources(
      EventSourceContext<CalendarExport> context) {
    return List.of(ExportPods.eventSource(context));
  }

  @Override
  public UpdateControl<CalendarExport> reconcile(
      CalendarExport export, Context<CalendarExport> context) {
    if (unreadable.isUnreadable(export)) {
      // Reached through a pod or Job event; its own events are filtered out. Already reported.
      return UpdateControl.noUpdate();
    }
    CalendarExportStatus previous =
        Optional.ofNullable(export.getStatus()).orElseGet(CalendarExportStatus::new);
    Optional<CalendarExportStatus> reused =
        reuse.tryReuse(export, previous, context.getSecondaryResource(Job.class).isPresent());
    if (reused.isPresent()) {
      return finishReused(export, reused.get(), context);
    }
    if (context.getSecondaryResource(Job.class).isEmpty() && jobVanished(export, previous)) {
      // Policy: recreate. The generator stores by export uid, so a rerun is harmless.
      events.record(
          export,
          ExportEvents.WARNING,
          "JobRecreated",
          "Job " + previous.getJobName() + " disappeared before it finished; creating it again");
    }
    // Before the workflow: it creates a missing Job running or suspended as the plan says.
    AdmissionPlan plan = admission.admit(export, context);
    context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
    Job job = JobOwnership.ownJob(export, context.getSecondaryResource(Job.class).orElse(null));
    List<Pod> pods = List.copyOf(context.getSecondaryResources(Pod.class));
    CalendarExportStatus next = deriver.derive(export, job, pods, clock.instant());
    phases.record(export.getMetadata().getUid(), next.getPhase());

    if (!Objects.equals(previous, next)) {
      // Written even when it expires at once: the status is what remembers that the change was
      // announced, and watchers see how the export ended before it goes.
      writeStatus(export, next, context);
      announcer.announce(export, previous, next);
      announcer.announceQueued(export, previous, next, plan);
    }
    Duration left =
        next.getPhase().isFinal() ? expiry.remaining(export, next, clock.instant()) : null;
    if (left != null && (left.isNegative() || left.isZero())) {
      cleanup.expire(export, context.getClient());
      return UpdateControl.noUpdate();
    }
    if (left != null) {
      return UpdateControl.<CalendarExport>noUpdate().rescheduleAfter(left);
    }
    return PhaseChangeEvents.isQueued(next)
        ? UpdateControl.<CalendarExport>noUpdate().rescheduleAfter(QUEUE_CHECK)
        : UpdateControl.noUpdate();
  }

  /** No Job: the status says Succeeded at once, with its own Event instead of Succeeded's. */
  private UpdateControl<CalendarExport> finishReused(
      CalendarExport export, CalendarExportStatus next, Context<CalendarExport> context) {
    writeStatus(export, next, context);
    phases.record(export.getMetadata().getUid(), next.getPhase());
    events.record(
        export, ExportEvents.NORMAL, CalendarExportStatus.REUSED_REASON, next.getMessage());
    Duration left = expiry.remaining(export, next, clock.instant());
    return UpdateControl.<CalendarExport>noUpdate()
        .rescheduleAfter(left.isNegative() ? Duration.ZERO : left);
  }

  /**
   * Applied (server-side, only the status) and put in the operator's cache at once: an event that
   * arrives before the informer has seen this write must not reconcile the old status again, or the
   * same change would be announced twice. The apply carries the resourceVersion it was derived
   * from, so a conflict is retried on the fresh resource.
   */
  private static void writeStatus(
      CalendarExport export, CalendarExportStatus next, Context<CalendarExport> context) {
    PrimaryUpdateAndCacheUtils.ssaPatchStatusAndCacheResource(
        export, StatusApply.of(export, next), context);
  }

  @Override
  public ErrorStatusUpdateControl<CalendarExport> updateErrorStatus(
      CalendarExport export, Context<CalendarExport> context, Exception failure) {
    if (KnownFailures.isConflict(failure)) {
      return ErrorStatusUpdateControl.noStatusUpdate();
    }
    Optional<ExportException> known = KnownFailures.recognise(failure);
    if (known.isEmpty()) {
      return ErrorStatusUpdateControl.defaultErrorProcessing();
    }
    ExportException problem = known.get();
    KnownFailures.describe(export, problem, clock.instant());
    // Written like every other status, so one field manager owns all of it.
    writeStatus(export, export.getStatus(), context);
    events.record(export, ExportEvents.WARNING, problem.reason(), problem.getMessage());
    ErrorStatusUpdateControl<CalendarExport> control = ErrorStatusUpdateControl.noStatusUpdate();
    return problem.retryable() ? control : control.withNoRetry();
  }

  @Override
  public DeleteControl cleanup(CalendarExport export, Context<CalendarExport> context) {
    if (unreadable.isUnreadable(export)) {
      // The API server takes no write to it, not even the finalizer's removal, until it is fixed.
      return DeleteControl.noFinalizerRemoval();
    }
    if (shutdown.mustWait(
        export,
        context.getSecondaryResource(Job.class),
        context.getSecondaryResources(Pod.class),
        context.getClient(),
        clock.instant())) {
      // The pods' going is an event too; the reschedule only backs it up.
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(SHUTDOWN_CHECK.toMillis());
    }
    phases.forget(export.getMetadata().getUid());
    cleanup.deleteCalendar(export);
    // A deleted export holds no generator slot: the next one in the queue may start.
    admission.admit(export, context);
    return DeleteControl.defaultDelete();
  }

  private static boolean jobVanished(CalendarExport export, CalendarExportStatus status) {
    return status.getJobName() != null
        && (status.getPhase() == null || !status.getPhase().isFinal())
        && !export.getSpec().isCancelled();
  }
}

package io.taskoverflow.operator.feed;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.feed.CalendarFeed;
import io.taskoverflow.model.feed.CalendarFeedStatus;
import io.taskoverflow.operator.events.ExportEvents;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each feed's calendar current through ordinary CalendarExports: {@link FeedPlan} decides,
 * this carries it out. Not generation-aware: the api-server marks every fetch in an annotation,
 * which wakes an idle feed.
 */
@ControllerConfiguration(name = CalendarFeedReconciler.NAME, generationAwareEventProcessing = false)
public class CalendarFeedReconciler implements Reconciler<CalendarFeed> {

  public static final String NAME = "calendarfeed";

  private static final String FEED_EXPORTS = "feed-exports";

  private static final Logger LOG = LoggerFactory.getLogger(CalendarFeedReconciler.class);

  private final TodoRevisions revisions;
  private final FeedSettings settings;
  private final int exportTtlSeconds;
  private final ExportEvents events;
  private final Clock clock;
  private final FeedExportSlots slots;

  /**
   * @param exportTtlSeconds how long the feed's exports are kept after they finish (the operator's
   *     maximum): a feed deletes the ones it no longer serves itself
   */
  public CalendarFeedReconciler(
      TodoRevisions revisions,
      FeedSettings settings,
      int exportTtlSeconds,
      ExportEvents events,
      Clock clock) {
    this.revisions = revisions;
    this.settings = settings;
    this.exportTtlSeconds = exportTtlSeconds;
    this.events = events;
    this.clock = clock;
    this.slots = new FeedExportSlots(settings.maxExportsInFlight(), clock);
  }

  @Override
  public List<EventSource<?, CalendarFeed>> prepareEventSources(
      EventSourceContext<CalendarFeed> context) {
    return List.of(
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(CalendarExport.class, CalendarFeed.class)
                .withName(FEED_EXPORTS)
                .withNamespacesInheritedFromController()
                .withLabelSelector(CalendarFeed.FEED_LABEL)
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(CalendarFeed.class))
                .build(),
            context));
  }

  @Override
  public UpdateControl<CalendarFeed> reconcile(CalendarFeed feed, Context<CalendarFeed> context) {
    Set<CalendarExport> owned = context.getSecondaryResources(CalendarExport.class);
    String namespace = feed.getMetadata().getNamespace();
    FeedPlan plan =
        FeedPlan.decide(
            feed,
            owned,
            revisions.current(),
            export -> revisions.ofCalendar(UUID.fromString(export.getMetadata().getUid())),
            settings,
            clock.instant(),
            name -> slots.tryTake(namespace, name, allFeedExports(context)));
    if (plan.expire()) {
      expire(feed, context);
      return UpdateControl.noUpdate();
    }

    for (CalendarExport superseded : plan.delete()) {
      // In the foreground: the export stays, holding its name, until its Job is gone. A failed
      // export's next attempt has the same name and would otherwise find the old Job still there.
      context
          .getClient()
          .resource(superseded)
          .withPropagationPolicy(DeletionPropagation.FOREGROUND)
          .delete();
    }
    plan.create().ifPresent(name -> create(feed, name, context));
    announce(feed, plan.status());
    if (!Objects.equals(feed.getStatus(), plan.status())) {
      writeStatus(feed, plan.status(), context);
    }
    UpdateControl<CalendarFeed> control = UpdateControl.noUpdate();
    return plan.recheckAfter().map(control::rescheduleAfter).orElse(control);
  }

  /** Deletes a feed nobody fetches any more; the garbage collector takes its exports. */
  private void expire(CalendarFeed feed, Context<CalendarFeed> context) {
    context.getClient().resource(feed).delete();
    LOG.info(
        "Feed {}/{} was not fetched for {} s: deleted with its exports (a fetch makes it again)",
        feed.getMetadata().getNamespace(),
        feed.getMetadata().getName(),
        settings.expireAfter().toSeconds());
  }

  /**
   * Replaces the status with optimistic locking and puts the result in the operator's cache. The
   * next reconciliation often comes (an export's event) before the informer has seen this write; it
   * must decide on this status, not the one before. JOSDK's own status patch is a JSON Patch
   * computed against that stale copy, which the API server refuses (422) once its paths are gone.
   */
  private static void writeStatus(
      CalendarFeed feed, CalendarFeedStatus status, Context<CalendarFeed> context) {
    PrimaryUpdateAndCacheUtils.updateStatusAndCacheResource(
        feed,
        context,
        current -> {
          current.setStatus(status);
          return current;
        });
  }

  @SuppressWarnings("unchecked")
  private static List<CalendarExport> allFeedExports(Context<CalendarFeed> context) {
    var exports =
        (InformerEventSource<CalendarExport, CalendarFeed>)
            context.eventSourceRetriever().getEventSourceFor(CalendarExport.class, FEED_EXPORTS);
    return exports.list().toList();
  }

  private void create(CalendarFeed feed, String name, Context<CalendarFeed> context) {
    try {
      context
          .getClient()
          .resource(FeedExports.of(feed, name, exportTtlSeconds, clock.instant()))
          .create();
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        return; // made by an earlier round whose export the informer has not shown yet
      }
      slots.release(feed.getMetadata().getNamespace(), name);
      throw e;
    }
    LOG.info(
        "Feed {}/{}: export {} makes its next calendar",
        feed.getMetadata().getNamespace(),
        feed.getMetadata().getName(),
        name);
    boolean first = feed.getStatus() == null || feed.getStatus().getCurrentExport() == null;
    events.record(
        feed,
        ExportEvents.NORMAL,
        "Regenerating",
        first
            ? "Export " + name + " makes the feed's calendar"
            : "The todos changed; export " + name + " makes the next calendar");
  }

  /** An Event when the served calendar changes or an export fails. */
  private void announce(CalendarFeed feed, CalendarFeedStatus next) {
    CalendarFeedStatus previous =
        feed.getStatus() == null ? new CalendarFeedStatus() : feed.getStatus();
    if (next.getCurrentExport() != null
        && !next.getCurrentExport().equals(previous.getCurrentExport())) {
      events.record(
          feed,
          ExportEvents.NORMAL,
          "Updated",
          "Serving the calendar of export "
              + next.getCurrentExport()
              + " (todo revision "
              + next.getTodoRevision()
              + ")");
    }
    String reason = upToDateReason(next);
    if ("ExportFailed".equals(reason) && !reason.equals(upToDateReason(previous))) {
      events.record(feed, ExportEvents.WARNING, reason, next.getMessage());
    }
  }

  private static String upToDateReason(CalendarFeedStatus status) {
    return status.getConditions().stream()
        .filter(c -> CalendarFeedStatus.UP_TO_DATE_CONDITION.equals(c.getType()))
        .map(c -> c.getReason())
        .findFirst()
        .orElse(null);
  }
}

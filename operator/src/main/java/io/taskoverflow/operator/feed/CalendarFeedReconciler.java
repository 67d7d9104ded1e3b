package io.taskoverflow.operator.feed;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.feed.CalendarFeed;
import io.taskoverflow.model.feed.CalendarFeedStatus;
import io.taskoverflow.operator.export.ExportEvents;
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

  private static final Logger LOG = LoggerFactory.getLogger(CalendarFeedReconciler.class);

  private final TodoRevisions revisions;
  private final FeedSettings settings;
  private final int exportTtlSeconds;
  private final ExportEvents events;
  private final Clock clock;

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
  }

  @Override
  public List<EventSource<?, CalendarFeed>> prepareEventSources(
      EventSourceContext<CalendarFeed> context) {
    return List.of(
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(CalendarExport.class, CalendarFeed.class)
                .withName("feed-exports")
                .withNamespacesInheritedFromController()
                .withLabelSelector(CalendarFeed.FEED_LABEL)
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(CalendarFeed.class))
                .build(),
            context));
  }

  @Override
  public UpdateControl<CalendarFeed> reconcile(CalendarFeed feed, Context<CalendarFeed> context) {
    Set<CalendarExport> owned = context.getSecondaryResources(CalendarExport.class);
    FeedPlan plan =
        FeedPlan.decide(
            feed,
            owned,
            revisions.current(),
            export -> revisions.ofCalendar(UUID.fromString(export.getMetadata().getUid())),
            settings,
            clock.instant());

    for (CalendarExport superseded : plan.delete()) {
      context.getClient().resource(superseded).delete();
    }
    plan.create().ifPresent(name -> create(feed, name, context));
    announce(feed, plan.status());

    UpdateControl<CalendarFeed> control;
    if (Objects.equals(feed.getStatus(), plan.status())) {
      control = UpdateControl.noUpdate();
    } else {
      CalendarFeed patch = new CalendarFeed();
      patch.setMetadata(feed.getMetadata());
      patch.setStatus(plan.status());
      control = UpdateControl.patchStatus(patch);
    }
    return plan.recheckAfter().map(control::rescheduleAfter).orElse(control);
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

package io.taskoverflow.api.feed;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.taskoverflow.model.feed.CalendarFeed;
import io.taskoverflow.model.feed.CalendarFeedSpec;
import io.taskoverflow.model.feed.CalendarFeedStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CalendarFeeds in a map, named as {@link FeedStore} names them, without its limit; the test plays
 * the operator ({@link #serving}, {@link #failing}). It never waits: a feed that is not servable
 * when asked is answered as if the wait had passed.
 */
public final class InMemoryCalendarFeeds implements CalendarFeeds {

  private final Clock clock;
  private final Map<String, CalendarFeed> byName = new ConcurrentHashMap<>();

  public InMemoryCalendarFeeds(Clock clock) {
    this.clock = clock;
  }

  @Override
  public CalendarFeed findOrCreate(CalendarFeedSpec spec) {
    return byName.computeIfAbsent(FeedNames.of(spec), name -> feed(name, spec));
  }

  private static CalendarFeed feed(String name, CalendarFeedSpec spec) {
    CalendarFeed feed = new CalendarFeed();
    feed.setMetadata(new ObjectMetaBuilder().withName(name).build());
    feed.setSpec(spec);
    return feed;
  }

  @Override
  public void markRequested(CalendarFeed feed) {
    feed.getMetadata()
        .setAnnotations(Map.of(CalendarFeed.LAST_REQUESTED, clock.instant().toString()));
  }

  @Override
  public CompletableFuture<Optional<CalendarFeed>> whenServable(String name, Duration wait) {
    return CompletableFuture.completedFuture(
        Optional.ofNullable(byName.get(name)).filter(FeedStore::servable));
  }

  public Optional<CalendarFeed> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** What the operator writes once the export's calendar is the feed's. */
  public void serving(String name, String currentExport, String lastUpdateTime) {
    CalendarFeedStatus status = new CalendarFeedStatus();
    status.setCurrentExport(currentExport);
    status.setTodoRevision(1L);
    status.setLastUpdateTime(lastUpdateTime);
    status.setConditions(List.of(ready("True", "CalendarAvailable", null)));
    byName.get(name).setStatus(status);
  }

  /** What the operator writes when the feed's first export failed. */
  public void failing(String name, String message) {
    CalendarFeedStatus status = new CalendarFeedStatus();
    status.setConditions(List.of(ready("False", "ExportFailed", message)));
    byName.get(name).setStatus(status);
  }

  private static io.fabric8.kubernetes.api.model.Condition ready(
      String status, String reason, String message) {
    return new ConditionBuilder()
        .withType(CalendarFeedStatus.READY_CONDITION)
        .withStatus(status)
        .withReason(reason)
        .withMessage(message)
        .withLastTransitionTime("2026-04-03T14:00:05Z")
        .build();
  }
}

package io.taskoverflow.api.feed;

import io.taskoverflow.model.feed.CalendarFeed;
import io.taskoverflow.model.feed.CalendarFeedSpec;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The CalendarFeeds the feed route serves; {@link FeedStore} keeps them as Kubernetes resources.
 */
public interface CalendarFeeds {

  /** The feed of these options, created on its first request; 503 past the feed limit. */
  CalendarFeed findOrCreate(CalendarFeedSpec spec);

  /** Notes that the feed was asked for, which keeps it up to date; best effort. */
  void markRequested(CalendarFeed feed);

  /**
   * Completes with the feed once it has a calendar to serve or its first export failed, or empty
   * after {@code wait}.
   */
  CompletableFuture<Optional<CalendarFeed>> whenServable(String name, Duration wait);
}

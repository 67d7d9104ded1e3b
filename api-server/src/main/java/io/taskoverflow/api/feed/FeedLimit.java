package io.taskoverflow.api.feed;

import io.taskoverflow.api.web.ApiError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * At most so many CalendarFeeds in the namespace. Anyone who may fetch feed.ics makes one per set
 * of options, and each costs an export, a Job and a share of the operator's polling. Counted by
 * name: the feeds the informer's cache holds plus those this server is creating or created that the
 * cache has not shown yet, so a burst of requests cannot overshoot. With several api-server
 * replicas each sees the others' feeds once its cache has them: the bound may then be overshot by
 * the creations of one moment.
 */
final class FeedLimit {

  /** Room comes back only when feeds are deleted, so a client should not come back soon. */
  static final long RETRY_AFTER_SECONDS = 3600;

  /** A creation the cache never shows (it failed, or the feed went at once) stops counting. */
  private static final Duration UNSEEN_AT_MOST = Duration.ofMinutes(1);

  private final int max;
  private final Clock clock;
  private final Map<String, Instant> ours = new HashMap<>();

  FeedLimit(int max, Clock clock) {
    this.max = max;
    this.clock = clock;
  }

  /**
   * Runs the creation of the feed {@code name} if there is room; 503 with {@code Retry-After}
   * otherwise.
   *
   * @param existing the names of the feeds that exist, as far as this server knows
   */
  <T> T create(String name, Supplier<Set<String>> existing, Supplier<T> creation) {
    reserve(name, existing.get());
    try {
      return creation.get();
    } catch (RuntimeException e) {
      release(name);
      throw e;
    }
  }

  private synchronized void reserve(String name, Set<String> existing) {
    Instant now = clock.instant();
    ours.keySet().removeIf(existing::contains);
    ours.values().removeIf(at -> !at.plus(UNSEEN_AT_MOST).isAfter(now));
    if (existing.size() + ours.size() >= max) {
      throw ApiError.retryLater(
          503,
          "Too many calendar feeds (at most "
              + max
              + " may exist); subscribe to an existing one, or ask the administrator to delete"
              + " unused ones (kubectl delete calendarfeeds)",
          RETRY_AFTER_SECONDS);
    }
    ours.put(name, now);
  }

  private synchronized void release(String name) {
    ours.remove(name);
  }
}

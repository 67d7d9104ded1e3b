package io.taskoverflow.operator.feed;

import java.time.Duration;

/**
 * How feeds follow the todos.
 *
 * @param debounce how long the todos must stay unchanged before a new calendar is made, so that a
 *     burst of edits costs one Job
 * @param maxDelay the longest a served calendar stays behind while edits keep coming
 * @param pollInterval how often a feed in use compares its calendar's revision with the todos'
 * @param idleAfter a feed nobody fetched for this long is no longer regenerated (the next fetch
 *     wakes it)
 * @param expireAfter a feed the api-server made that nobody fetched for this long is deleted with
 *     its exports, so that abandoned feeds (or a flood's) free their place under the api-server's
 *     limit; the next fetch makes it again
 * @param retryAfter how long a failed export stays visible before the feed tries again
 * @param windowRefresh the age at which a window-filtered calendar is remade even without todo
 *     changes, since its window moves with the clock
 * @param maxExportsInFlight how many feed exports, of all feeds together, may be unfinished at
 *     once; the other feeds wait their turn
 */
public record FeedSettings(
    Duration debounce,
    Duration maxDelay,
    Duration pollInterval,
    Duration idleAfter,
    Duration expireAfter,
    Duration retryAfter,
    Duration windowRefresh,
    int maxExportsInFlight) {

  /**
   * A few at a time: a todo change that makes a hundred feeds stale then starts a few Jobs, not a
   * hundred, and the exports users ask for keep the rest of the cluster.
   */
  public static final int DEFAULT_MAX_EXPORTS_IN_FLIGHT = 3;

  public static final FeedSettings DEFAULTS =
      new FeedSettings(
          Duration.ofSeconds(10),
          Duration.ofMinutes(1),
          Duration.ofSeconds(5),
          Duration.ofDays(1),
          Duration.ofDays(7),
          Duration.ofMinutes(1),
          Duration.ofHours(1),
          DEFAULT_MAX_EXPORTS_IN_FLIGHT);
}

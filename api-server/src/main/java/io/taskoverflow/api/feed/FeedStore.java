package io.taskoverflow.api.feed;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.taskoverflow.api.kubernetes.KubernetesGate;
import io.taskoverflow.api.kubernetes.KubernetesUnavailable;
import io.taskoverflow.api.kubernetes.NamespacedResources;
import io.taskoverflow.model.feed.CalendarFeed;
import io.taskoverflow.model.feed.CalendarFeedSpec;
import io.taskoverflow.model.feed.CalendarFeedStatus;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CalendarFeeds of one namespace, read through an informer: a fetch of a feed that has its
 * calendar costs the Kubernetes API nothing but, about once a minute, the mark that it was asked
 * for.
 */
public class FeedStore implements CalendarFeeds, AutoCloseable {

  /** How stale the last-requested mark may get; the operator's idle period is far longer. */
  static final Duration MARK_INTERVAL = Duration.ofMinutes(1);

  private static final Logger LOG = LoggerFactory.getLogger(FeedStore.class);

  private final NamespacedResources<CalendarFeed> resources;
  private final Clock clock;
  private final Map<String, List<CompletableFuture<CalendarFeed>>> waiting =
      new ConcurrentHashMap<>();
  private final FeedLimit limit;

  /**
   * Watches with {@code watching}; creates, marks and looks up misses through {@code api}; creates
   * no feed past {@code maxFeeds}.
   */
  public FeedStore(
      KubernetesClient watching, KubernetesGate api, String namespace, Clock clock, int maxFeeds) {
    this.resources = new NamespacedResources<>(watching, api, CalendarFeed.class, namespace);
    this.clock = clock;
    this.limit = new FeedLimit(maxFeeds, clock);
    resources
        .informer()
        .addEventHandler(
            new ResourceEventHandler<>() {
              @Override
              public void onAdd(CalendarFeed feed) {
                settle(feed);
              }

              @Override
              public void onUpdate(CalendarFeed before, CalendarFeed after) {
                settle(after);
              }

              @Override
              public void onDelete(CalendarFeed feed, boolean finalStateUnknown) {}
            });
  }

  public void start() {
    resources.start();
  }

  /**
   * The feed of these options, created (marked as asked for) on its first request; 503 when that
   * would pass the {@link FeedLimit}.
   */
  @Override
  public CalendarFeed findOrCreate(CalendarFeedSpec spec) {
    String name = FeedNames.of(spec);
    Optional<CalendarFeed> known = resources.find(name);
    if (known.isPresent()) {
      return known.get();
    }
    return limit.create(name, this::names, () -> create(name, spec));
  }

  private CalendarFeed create(String name, CalendarFeedSpec spec) {
    CalendarFeed feed = new CalendarFeed();
    feed.setSpec(spec);
    try {
      return resources.create(feed, name, CalendarFeed.LAST_REQUESTED, clock.instant());
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        // Another request (or replica) made it a moment ago.
        return resources.call(feeds -> feeds.withName(name).require());
      }
      throw e;
    }
  }

  /** The cache's feeds, or the API server's before the cache has synced. */
  private Set<String> names() {
    return resources.list().stream()
        .map(feed -> feed.getMetadata().getName())
        .collect(Collectors.toSet());
  }

  /**
   * Marks the feed as asked for when the last mark is older than {@link #MARK_INTERVAL}: that wakes
   * an idle feed, whose operator then brings it up to date. Best effort: a lost mark costs at most
   * freshness, never the request.
   */
  @Override
  public void markRequested(CalendarFeed feed) {
    Instant now = clock.instant();
    Map<String, String> annotations = feed.getMetadata().getAnnotations();
    String last = annotations == null ? null : annotations.get(CalendarFeed.LAST_REQUESTED);
    if (last != null && parse(last).plus(MARK_INTERVAL).isAfter(now)) {
      return;
    }
    ObjectNode patch = JsonNodeFactory.instance.objectNode();
    patch
        .putObject("metadata")
        .putObject("annotations")
        .put(CalendarFeed.LAST_REQUESTED, now.toString());
    try {
      resources.mergePatch(feed.getMetadata().getName(), patch);
    } catch (KubernetesUnavailable e) {
      // The circuit has logged the outage; the feed is served from the cache meanwhile.
    } catch (KubernetesClientException e) {
      LOG.warn(
          "Could not mark feed {} as requested: {}", feed.getMetadata().getName(), e.getMessage());
    }
  }

  /**
   * Completes with the feed once it has a calendar to serve or its first export failed, or empty
   * after {@code wait}: a new feed's first calendar takes a Job.
   */
  @Override
  public CompletableFuture<Optional<CalendarFeed>> whenServable(String name, Duration wait) {
    CompletableFuture<CalendarFeed> ready = new CompletableFuture<>();
    waiting.computeIfAbsent(name, key -> new CopyOnWriteArrayList<>()).add(ready);
    // Registered first, then looked up: an update between the two is not lost.
    resources.find(name).filter(FeedStore::servable).ifPresent(ready::complete);
    return ready
        .thenApply(Optional::of)
        .completeOnTimeout(Optional.empty(), wait.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((result, failure) -> forget(name, ready));
  }

  private void settle(CalendarFeed feed) {
    if (!servable(feed)) {
      return;
    }
    List<CompletableFuture<CalendarFeed>> waiters = waiting.remove(feed.getMetadata().getName());
    if (waiters != null) {
      waiters.forEach(waiter -> waiter.complete(feed));
    }
  }

  private void forget(String name, CompletableFuture<CalendarFeed> waiter) {
    waiting.computeIfPresent(
        name,
        (key, waiters) -> {
          waiters.remove(waiter);
          return waiters.isEmpty() ? null : waiters;
        });
  }

  /** It has a calendar, or it cannot make its first one. */
  static boolean servable(CalendarFeed feed) {
    CalendarFeedStatus status = feed.getStatus();
    return status != null
        && (status.getCurrentExport() != null || firstExportFailure(status).isPresent());
  }

  /** Why a feed without a calendar cannot make its first one, if it cannot. */
  static Optional<String> firstExportFailure(CalendarFeedStatus status) {
    return status.getConditions().stream()
        .filter(c -> CalendarFeedStatus.READY_CONDITION.equals(c.getType()))
        .filter(c -> "False".equals(c.getStatus()) && "ExportFailed".equals(c.getReason()))
        .map(c -> c.getMessage())
        .findFirst();
  }

  private static Instant parse(String timestamp) {
    try {
      return Instant.parse(timestamp);
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }

  @Override
  public void close() {
    resources.close();
    waiting.values().forEach(waiters -> waiters.forEach(waiter -> waiter.cancel(false)));
  }
}

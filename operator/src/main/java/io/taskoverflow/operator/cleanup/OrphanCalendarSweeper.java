package io.taskoverflow.operator.cleanup;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.taskoverflow.model.CalendarExport;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes calendars whose export no longer exists, however it went (deleted while the operator was
 * down, finalizer removed by hand). Runs at start-up and then periodically. Calendars younger than
 * the grace period are left alone: their export may have been created after the listing.
 */
public final class OrphanCalendarSweeper implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(OrphanCalendarSweeper.class);

  private final KubernetesClient client;
  private final String namespace;
  private final CalendarStore store;
  private final Duration gracePeriod;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "orphan-calendar-sweeper");
            thread.setDaemon(true);
            return thread;
          });

  public OrphanCalendarSweeper(
      KubernetesClient client, String namespace, CalendarStore store, Duration gracePeriod) {
    this.client = client;
    this.namespace = namespace;
    this.store = store;
    this.gracePeriod = gracePeriod;
  }

  public void start(Duration interval) {
    scheduler.scheduleWithFixedDelay(
        this::sweepQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Deletes the orphaned calendars and returns how many went. */
  public int sweep() {
    Set<UUID> stored = store.storedBefore(gracePeriod);
    if (stored.isEmpty()) {
      return 0;
    }
    Set<UUID> live =
        client.resources(CalendarExport.class).inNamespace(namespace).list().getItems().stream()
            .map(export -> UUID.fromString(export.getMetadata().getUid()))
            .collect(Collectors.toSet());
    int deleted = 0;
    for (UUID uid : stored) {
      if (!live.contains(uid) && store.delete(uid)) {
        deleted++;
      }
    }
    return deleted;
  }

  private void sweepQuietly() {
    try {
      int deleted = sweep();
      if (deleted > 0) {
        LOG.info("Deleted {} calendars whose export no longer exists", deleted);
      }
    } catch (RuntimeException e) {
      // The next sweep tries again; nothing is lost by waiting.
      LOG.warn("Orphan calendar sweep failed: {}", e.getMessage());
    }
  }

  /** Waits for a sweep in progress, so the connection pool is not closed under it. */
  @Override
  public void close() {
    scheduler.shutdown();
    try {
      if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
        scheduler.shutdownNow();
      }
    } catch (InterruptedException e) {
      scheduler.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}

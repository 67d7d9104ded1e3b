package io.taskoverflow.api.export;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.taskoverflow.api.kubernetes.KubernetesOutage;
import io.taskoverflow.calendars.StoredCalendar;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.feed.CalendarFeed;
import io.taskoverflow.model.job.ResultLocation;
import io.taskoverflow.model.status.CalendarExportStatus;
import io.taskoverflow.model.status.ExportPhase;
import io.taskoverflow.model.status.ExportResult;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * CalendarExports in a map, named and limited as {@link ExportStore} names and limits them; the
 * test plays the operator ({@link #phase}, {@link #succeed}). While {@link #becomeUnreachable
 * unreachable}, writes fail as through the Kubernetes gate (503) and reads keep answering, as they
 * do from the real store's informer cache.
 */
public final class InMemoryCalendarExports implements CalendarExports {

  private final Clock clock;
  private final TaskIds taskIds = new TaskIds();
  private final ExportLimit limit;
  private final ExportWatchers watchers = new ExportWatchers();
  private final Map<String, CalendarExport> byName =
      Collections.synchronizedMap(new LinkedHashMap<>());
  private volatile boolean unreachable;

  public InMemoryCalendarExports(Clock clock, int maxInFlight) {
    this.clock = clock;
    this.limit = new ExportLimit(maxInFlight);
  }

  @Override
  public CalendarExport create(ExportRequest request) {
    String name = taskIds.next();
    return limit.create(name, this::inFlight, () -> add(name, request));
  }

  private CalendarExport add(String name, ExportRequest request) {
    if (unreachable) {
      throw KubernetesOutage.unavailable();
    }
    CalendarExport export = new CalendarExport();
    export.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withUid(UUID.randomUUID().toString())
            .withResourceVersion("1")
            .withCreationTimestamp(clock.instant().truncatedTo(ChronoUnit.SECONDS).toString())
            .addToAnnotations(CalendarExport.REQUESTED_AT, clock.instant().toString())
            .build());
    export.setSpec(request.toSpec());
    byName.put(name, export);
    watchers.changed(name);
    return export;
  }

  /** An export made elsewhere (kubectl, the operator for a feed), with the default spec. */
  public CalendarExport createdElsewhere(String name) {
    return add(name, new ExportRequest(null, null, null, null));
  }

  private Set<String> inFlight() {
    synchronized (byName) {
      return byName.values().stream()
          .filter(export -> !CalendarFeed.madeForAFeed(export))
          .filter(export -> !TaskStatus.of(export).isFinished())
          .map(export -> export.getMetadata().getName())
          .collect(Collectors.toSet());
    }
  }

  @Override
  public Optional<CalendarExport> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** Newest first: the reverse of the order they were created in. */
  @Override
  public List<CalendarExport> list() {
    List<CalendarExport> newestFirst;
    synchronized (byName) {
      newestFirst = new ArrayList<>(byName.values());
    }
    Collections.reverse(newestFirst);
    return newestFirst;
  }

  @Override
  public Optional<CalendarExport> cancel(String name) {
    Optional<CalendarExport> current = find(name);
    if (current.isEmpty()
        || TaskStatus.of(current.get()).isFinished()
        || current.get().getSpec().isCancelled()) {
      return current;
    }
    if (unreachable) {
      throw KubernetesOutage.unavailable();
    }
    current.get().getSpec().setCancelled(true);
    watchers.changed(name);
    return current;
  }

  @Override
  public Runnable watch(String name, Runnable listener) {
    return watchers.watch(name, listener);
  }

  /** What the operator writes when the export reaches this phase. */
  public void phase(String name, ExportPhase phase, String message) {
    write(name, OperatorStatuses.phase(phase, message));
  }

  /** What the operator writes once the generator stored this calendar under the export's uid. */
  public void succeed(String name, StoredCalendar calendar) {
    write(
        name,
        OperatorStatuses.succeeded(
            new ExportResult(
                ResultLocation.of(uid(name)),
                calendar.contentType(),
                calendar.sizeBytes(),
                calendar.sha256(),
                calendar.events(),
                0)));
  }

  public UUID uid(String name) {
    return UUID.fromString(byName.get(name).getMetadata().getUid());
  }

  public void becomeUnreachable() {
    unreachable = true;
  }

  private void write(String name, CalendarExportStatus status) {
    byName.get(name).setStatus(status);
    watchers.changed(name);
  }
}

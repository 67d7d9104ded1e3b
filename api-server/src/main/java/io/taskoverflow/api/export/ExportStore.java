package io.taskoverflow.api.export;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.taskoverflow.api.kubernetes.KubernetesGate;
import io.taskoverflow.api.kubernetes.NamespacedResources;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.feed.CalendarFeed;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * CalendarExport resources in one namespace. Reads come from an informer's cache so that polling
 * clients cost the Kubernetes API nothing, and keep answering from it while the API is away; a
 * cache miss falls back to a direct GET because the watch event of a just-created export may not
 * have arrived yet. Direct calls go through the {@link KubernetesGate}.
 */
public class ExportStore implements CalendarExports, AutoCloseable {

  private static final Pattern RESOURCE_NAME =
      Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

  /** Each conflict means the export changed between a read and the patch: a few suffice. */
  private static final int CANCEL_ATTEMPTS = 5;

  private static final Comparator<CalendarExport> NEWEST_FIRST =
      Comparator.comparing(CalendarExport::requestedAt)
          .reversed()
          .thenComparing(export -> export.getMetadata().getName());

  private final NamespacedResources<CalendarExport> resources;
  private final TaskIds taskIds;
  private final Clock clock;
  private final RecentWrites recentWrites;
  private final ExportWatchers watchers = new ExportWatchers();
  private final ExportLimit limit;

  /** With room for {@code maxInFlight} exports that have not finished (PENDING, STARTED, RETRY). */
  public ExportStore(
      KubernetesClient watching,
      KubernetesGate api,
      String namespace,
      TaskIds taskIds,
      Clock clock,
      int maxInFlight) {
    this.resources = new NamespacedResources<>(watching, api, CalendarExport.class, namespace);
    this.taskIds = taskIds;
    this.clock = clock;
    this.recentWrites = new RecentWrites(clock);
    this.limit = new ExportLimit(maxInFlight);
    resources.informer().addEventHandler(new ObservedExports(recentWrites, watchers));
  }

  /** Starts filling the cache; serving does not wait for it. */
  public void start() {
    resources.start();
  }

  /** Creates the export, or answers 429 when {@link ExportLimit too many} are in flight. */
  @Override
  public CalendarExport create(ExportRequest request) {
    String name = taskIds.next();
    return limit.create(name, this::inFlight, () -> createNow(name, request));
  }

  private CalendarExport createNow(String name, ExportRequest request) {
    CalendarExport export = new CalendarExport();
    export.setSpec(request.toSpec());
    CalendarExport created =
        resources.create(export, name, CalendarExport.REQUESTED_AT, clock.instant());
    wrote(created);
    return created;
  }

  /**
   * Calls {@code listener} whenever the export may have changed (the informer's news and this
   * server's writes; {@link #find} then tells what changed), until the returned unwatch is run. It
   * runs on the informer's thread: it must only hand the work on.
   */
  @Override
  public Runnable watch(String name, Runnable listener) {
    return watchers.watch(name, listener);
  }

  private void wrote(CalendarExport export) {
    recentWrites.wrote(export);
    watchers.changed(export.getMetadata().getName());
  }

  @Override
  public Optional<CalendarExport> find(String name) {
    if (!RESOURCE_NAME.matcher(name).matches()) {
      return Optional.empty();
    }
    Optional<CalendarExport> written = recentWrites.get(name);
    if (written.isPresent()) {
      return written;
    }
    return resources.find(name);
  }

  /** Every export, newest first. */
  @Override
  public List<CalendarExport> list() {
    return all().values().stream().sorted(NEWEST_FIRST).toList();
  }

  /** Users' exports only: the operator bounds the feeds' exports on its own (issue 16). */
  private Set<String> inFlight() {
    return all().values().stream()
        .filter(export -> !CalendarFeed.madeForAFeed(export))
        .filter(export -> !TaskStatus.of(export).isFinished())
        .map(export -> export.getMetadata().getName())
        .collect(Collectors.toSet());
  }

  /** The cache (or, before it has synced, the API server) with this server's own writes. */
  private Map<String, CalendarExport> all() {
    // Our writes first: one the informer reports meanwhile leaves them only once its store has it,
    // so read in this order no export falls between the two (a burst would overshoot the limit).
    Map<String, CalendarExport> written = recentWrites.unobserved();
    Map<String, CalendarExport> byName = new HashMap<>();
    resources.list().forEach(export -> byName.put(export.getMetadata().getName(), export));
    byName.putAll(written);
    return byName;
  }

  /**
   * Asks the operator to cancel: a merge patch of {@code spec.cancelled} that carries the
   * resourceVersion the decision was made on. The view may lag (the operator may just have finished
   * the export): then the API server answers 409 Conflict, and the export is read afresh and
   * decided on again. A finished or already cancelled export is returned as it is.
   */
  @Override
  public Optional<CalendarExport> cancel(String name) {
    Optional<CalendarExport> current = find(name);
    for (int attempt = 1; ; attempt++) {
      if (current.isEmpty()
          || TaskStatus.of(current.get()).isFinished()
          || current.get().getSpec().isCancelled()) {
        return current;
      }
      try {
        CalendarExport patched =
            resources.mergePatch(
                name, cancelPatch(current.get().getMetadata().getResourceVersion()));
        wrote(patched);
        return Optional.of(patched);
      } catch (KubernetesClientException e) {
        if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
          return Optional.empty();
        }
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt == CANCEL_ATTEMPTS) {
          throw e;
        }
      }
      current = Optional.ofNullable(resources.call(exports -> exports.withName(name).get()));
    }
  }

  private static ObjectNode cancelPatch(String resourceVersion) {
    ObjectNode patch = JsonNodeFactory.instance.objectNode();
    patch.putObject("metadata").put("resourceVersion", resourceVersion);
    patch.putObject("spec").put("cancelled", true);
    return patch;
  }

  @Override
  public void close() {
    resources.close();
  }
}

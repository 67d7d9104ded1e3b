package io.taskoverflow.operator.feed;

import io.fabric8.kubernetes.api.model.Condition;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.feed.CalendarFeed;
import io.taskoverflow.model.feed.CalendarFeedStatus;
import io.taskoverflow.model.status.ExportPhase;
import io.taskoverflow.operator.status.SucceededCondition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What one reconciliation of a feed does, decided from what it sees and nothing else: the newest
 * export that succeeded is the one served; a newer one is made when the todos have moved past it
 * and have settled, unless one is already running, nobody asks for the feed or the feeds' exports
 * have no free slot; superseded exports go. An export being deleted still holds its name, so the
 * next attempt of the same revision waits until it (and its Job) are gone.
 *
 * @param status the feed's status to write
 * @param create the name of the export to make, if any
 * @param delete exports no longer needed: superseded, or failed long enough ago to try again
 * @param recheckAfter when to look again without an event; for an idle feed, which costs nothing
 *     until it is fetched again, when it expires; a queued feed looks again after the poll interval
 * @param expire the feed itself goes, with its exports: the api-server made it and nobody fetched
 *     it for {@link FeedSettings#expireAfter()}
 */
public record FeedPlan(
    CalendarFeedStatus status,
    Optional<String> create,
    List<CalendarExport> delete,
    Optional<Duration> recheckAfter,
    boolean expire) {

  private static final Duration SOONEST_RECHECK = Duration.ofSeconds(1);

  /**
   * @param takeSlot asked only when an export is to be made: takes one of the feeds' export slots
   *     for it if one is free; without one the feed is {@code Queued} and looks again later
   */
  static FeedPlan decide(
      CalendarFeed feed,
      Collection<CalendarExport> owned,
      TodoState todos,
      Function<CalendarExport, OptionalLong> calendarRevision,
      FeedSettings settings,
      Instant now,
      Predicate<String> takeSlot) {
    Optional<Instant> expiresAt = expiresAt(feed, settings);
    if (expiresAt.isPresent() && !expiresAt.get().isAfter(now)) {
      return new FeedPlan(feed.getStatus(), Optional.empty(), List.of(), Optional.empty(), true);
    }
    List<CalendarExport> all = owned.stream().sorted(FeedExports.BY_REQUEST).toList();
    List<CalendarExport> exports =
        all.stream().filter(e -> e.getMetadata().getDeletionTimestamp() == null).toList();
    CalendarFeedStatus previous =
        feed.getStatus() == null ? new CalendarFeedStatus() : feed.getStatus();

    CalendarExport current = null;
    long currentRevision = -1;
    for (CalendarExport export : exports) {
      OptionalLong revision =
          phase(export) == ExportPhase.SUCCEEDED ? calendarRevision.apply(export) : null;
      if (revision != null && revision.isPresent()) {
        current = export;
        currentRevision = revision.getAsLong();
      }
    }
    CalendarExport pending = null;
    CalendarExport failed = null;
    List<CalendarExport> delete = new ArrayList<>();
    for (CalendarExport export : exports) {
      ExportPhase phase = phase(export);
      boolean newer = current == null || FeedExports.BY_REQUEST.compare(export, current) > 0;
      if (phase == null || !phase.isFinal()) {
        pending = export;
      } else if (!newer) {
        if (export != current) {
          delete.add(export);
        }
      } else if (phase != ExportPhase.SUCCEEDED) {
        failed = export;
      } else {
        delete.add(export); // succeeded, but its calendar is gone: of no use, and its name is taken
      }
    }
    Duration retryIn = null;
    if (failed != null) {
      retryIn = Duration.between(now, finishedAt(failed).plus(settings.retryAfter()));
      if (retryIn.isNegative() || retryIn.isZero()) {
        delete.add(failed); // its going is an event: the next round makes it again
      }
    }

    boolean windowed =
        feed.getSpec().getFilter() != null && feed.getSpec().getFilter().windowDays() != null;
    boolean windowExpired =
        current != null
            && windowed
            && !finishedAt(current).plus(settings.windowRefresh()).isAfter(now);
    boolean stale = current == null || currentRevision < todos.revision() || windowExpired;

    Instant lastRequested = lastRequested(feed);
    boolean active = lastRequested.plus(settings.idleAfter()).isAfter(now);
    String staleSince =
        stale && current != null
            ? Objects.requireNonNullElse(previous.getStaleSince(), SucceededCondition.rfc3339(now))
            : null;
    boolean settled =
        current == null
            || !todos.quiet().minus(settings.debounce()).isNegative()
            || (staleSince != null
                && !FeedExports.parse(staleSince).plus(settings.maxDelay()).isAfter(now));

    Optional<String> create = Optional.empty();
    String making = pending == null ? null : pending.getMetadata().getName();
    boolean queued = false;
    if (active && stale && pending == null && failed == null && settled) {
      Long period =
          windowed
              ? now.getEpochSecond() / Math.max(1, settings.windowRefresh().toSeconds())
              : null;
      String name = FeedExports.name(feed, todos.revision(), period);
      if (all.stream().anyMatch(e -> e.getMetadata().getName().equals(name))) {
        making = name; // an earlier attempt is going; its deletion is the event to go on
      } else if (takeSlot.test(name)) {
        create = Optional.of(name);
        making = name;
      } else {
        queued = true;
      }
    }

    Verdict upToDate = upToDate(stale, making, failed, active, queued, settings);
    CalendarFeedStatus status =
        status(feed, previous.getConditions(), current, currentRevision, making, upToDate, now);
    status.setStaleSince(staleSince);
    status.setLastRequestTime(SucceededCondition.rfc3339(lastRequested));

    Optional<Duration> recheck = Optional.empty();
    if (active) {
      Duration next = settings.pollInterval();
      if (stale && !settled) {
        next = min(next, settings.debounce().minus(todos.quiet()));
      }
      if (retryIn != null && !retryIn.isNegative() && !retryIn.isZero()) {
        next = min(next, retryIn);
      }
      recheck = Optional.of(next.compareTo(SOONEST_RECHECK) < 0 ? SOONEST_RECHECK : next);
    } else {
      recheck = expiresAt.map(at -> Duration.between(now, at));
    }
    return new FeedPlan(status, create, List.copyOf(delete), recheck, false);
  }

  /**
   * When a feed the api-server made (it marks each fetch) expires; a feed made with kubectl and
   * never fetched is the user's to delete.
   */
  private static Optional<Instant> expiresAt(CalendarFeed feed, FeedSettings settings) {
    return lastFetched(feed).map(fetched -> fetched.plus(settings.expireAfter()));
  }

  /** The api-server's mark of the last fetch, if it has served the feed. */
  private static Optional<Instant> lastFetched(CalendarFeed feed) {
    var annotations = feed.getMetadata().getAnnotations();
    return Optional.ofNullable(
            annotations == null ? null : annotations.get(CalendarFeed.LAST_REQUESTED))
        .map(FeedExports::parse);
  }

  private static CalendarFeedStatus status(
      CalendarFeed feed,
      List<Condition> previousConditions,
      CalendarExport current,
      long currentRevision,
      String making,
      Verdict upToDate,
      Instant now) {
    CalendarFeedStatus status = new CalendarFeedStatus();
    Long generation = feed.getMetadata().getGeneration();
    Verdict ready;
    if (current != null) {
      status.setCurrentExport(current.getMetadata().getName());
      status.setTodoRevision(currentRevision);
      status.setLastUpdateTime(current.getStatus().getCompletionTime());
      ready =
          new Verdict(
              SucceededCondition.TRUE,
              "CalendarAvailable",
              "Serving the calendar of export "
                  + current.getMetadata().getName()
                  + " (todo revision "
                  + currentRevision
                  + ")");
    } else {
      String reason =
          upToDate.reason().equals("ExportFailed") ? "ExportFailed" : "FirstCalendarPending";
      ready = new Verdict(SucceededCondition.FALSE, reason, upToDate.message());
    }
    status.setPendingExport(making);
    status.setMessage(upToDate.message());
    // Always in this order, so an unchanged status compares equal and is not written again.
    List<Condition> conditions =
        put(previousConditions, CalendarFeedStatus.READY_CONDITION, ready, generation, now);
    conditions =
        put(conditions, CalendarFeedStatus.UP_TO_DATE_CONDITION, upToDate, generation, now);
    status.setConditions(conditions);
    return status;
  }

  private static List<Condition> put(
      List<Condition> conditions, String type, Verdict verdict, Long generation, Instant now) {
    return SucceededCondition.put(
        conditions, type, verdict.status(), verdict.reason(), verdict.message(), generation, now);
  }

  /** A condition's status, reason and message. */
  private record Verdict(String status, String reason, String message) {}

  private static Verdict upToDate(
      boolean stale,
      String pending,
      CalendarExport failed,
      boolean active,
      boolean queued,
      FeedSettings settings) {
    if (!stale) {
      return new Verdict(
          SucceededCondition.TRUE, "UpToDate", "The calendar was made from the current todos");
    }
    if (pending != null) {
      return new Verdict(
          SucceededCondition.FALSE,
          "Regenerating",
          "Export " + pending + " makes the next calendar");
    }
    if (failed != null) {
      String reason = failed.getStatus().getMessage();
      return new Verdict(
          SucceededCondition.FALSE,
          "ExportFailed",
          "Export "
              + failed.getMetadata().getName()
              + " failed"
              + (reason == null || reason.isBlank() ? "" : ": " + reason)
              + "; trying again "
              + settings.retryAfter().toSeconds()
              + " s after it finished");
    }
    if (queued) {
      return new Verdict(
          SucceededCondition.FALSE,
          "Queued",
          "Waiting for a free slot: at most "
              + settings.maxExportsInFlight()
              + " feed exports run at once");
    }
    if (!active) {
      return new Verdict(
          SucceededCondition.FALSE,
          "Idle",
          "Nobody fetched the feed for "
              + settings.idleAfter().toHours()
              + " h; the next fetch brings it up to date");
    }
    return new Verdict(
        SucceededCondition.FALSE,
        "Debouncing",
        "The todos changed; a new calendar is made once they have been unchanged for "
            + settings.debounce().toSeconds()
            + " s");
  }

  /**
   * The api-server marks each fetch; a feed made without one (kubectl) counts from its creation.
   */
  private static Instant lastRequested(CalendarFeed feed) {
    return lastFetched(feed)
        .orElseGet(() -> FeedExports.parse(feed.getMetadata().getCreationTimestamp()));
  }

  private static ExportPhase phase(CalendarExport export) {
    return export.getStatus() == null ? null : export.getStatus().getPhase();
  }

  private static Instant finishedAt(CalendarExport export) {
    return FeedExports.parse(export.getStatus().getCompletionTime());
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}

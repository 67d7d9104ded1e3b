package io.taskoverflow.operator.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.feed.CalendarFeed;
import io.taskoverflow.model.feed.CalendarFeedStatus;
import io.taskoverflow.model.spec.ExportFilter;
import io.taskoverflow.model.status.CalendarExportStatus;
import io.taskoverflow.model.status.ExportPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FeedPlanTest {

  private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
  private static final FeedSettings SETTINGS = FeedSettings.DEFAULTS;
  private static final Duration SETTLED = SETTINGS.debounce().plusSeconds(1);

  /** The revision each export's stored calendar was made from. */
  private final Map<String, Long> calendars = new HashMap<>();

  /** The exports a plan asked a slot for; {@link #slotFree} says whether it got one. */
  private final List<String> slotsAsked = new ArrayList<>();

  private boolean slotFree = true;

  @Test
  void aNewFeedMakesItsFirstCalendarAtOnceEvenWhileTheTodosChange() {
    FeedPlan plan = decide(feed(NOW), List.of(), new TodoState(7, Duration.ZERO));

    assertThat(plan.create()).contains("feed-a-7");
    assertThat(plan.status().getPendingExport()).isEqualTo("feed-a-7");
    assertThat(condition(plan, CalendarFeedStatus.READY_CONDITION).getReason())
        .isEqualTo("FirstCalendarPending");
  }

  @Test
  void anUpToDateFeedServesItsNewestSucceededExportAndDeletesTheOlderOnes() {
    CalendarExport older = export("feed-a-3", 1, ExportPhase.SUCCEEDED, 3);
    CalendarExport newer = export("feed-a-5", 2, ExportPhase.SUCCEEDED, 5);

    FeedPlan plan = decide(feed(NOW), List.of(newer, older), new TodoState(5, SETTLED));

    assertThat(plan.create()).isEmpty();
    assertThat(plan.delete()).containsExactly(older);
    assertThat(plan.status().getCurrentExport()).isEqualTo("feed-a-5");
    assertThat(plan.status().getTodoRevision()).isEqualTo(5);
    assertThat(plan.status().getStaleSince()).isNull();
    assertThat(upToDate(plan).getStatus()).isEqualTo("True");
    assertThat(plan.recheckAfter()).contains(SETTINGS.pollInterval());
  }

  @Test
  void decidingAgainOnTheStatusItWroteChangesNothing() {
    CalendarFeed feed = feed(NOW);
    List<CalendarExport> exports = List.of(export("feed-a-5", 1, ExportPhase.SUCCEEDED, 5));
    TodoState todos = new TodoState(9, Duration.ZERO);

    FeedPlan first = decide(feed, exports, todos);
    feed.setStatus(first.status());
    FeedPlan second = decide(feed, exports, todos);

    assertThat(second.status()).isEqualTo(first.status());
  }

  @Test
  void changedTodosWaitUntilTheyHaveBeenQuietForTheDebounce() {
    CalendarExport current = export("feed-a-5", 1, ExportPhase.SUCCEEDED, 5);

    FeedPlan busy =
        decide(feed(NOW), List.of(current), new TodoState(9, SETTINGS.debounce().minusSeconds(2)));

    assertThat(busy.create()).isEmpty();
    assertThat(busy.status().getCurrentExport()).isEqualTo("feed-a-5");
    assertThat(busy.status().getStaleSince()).isEqualTo("2026-12-02T10:00:00Z");
    assertThat(upToDate(busy).getReason()).isEqualTo("Debouncing");
    assertThat(busy.recheckAfter()).contains(Duration.ofSeconds(2)); // when it will have settled

    FeedPlan settled = decide(feed(NOW), List.of(current), new TodoState(9, SETTLED));

    assertThat(settled.create()).contains("feed-a-9");
    assertThat(settled.status().getCurrentExport()).isEqualTo("feed-a-5");
  }

  @Test
  void editsThatNeverSettleStillGetACalendarAfterTheMaximumDelay() {
    CalendarFeed feed = feed(NOW);
    feed.setStatus(new CalendarFeedStatus());
    feed.getStatus().setStaleSince(NOW.minus(SETTINGS.maxDelay()).toString());
    CalendarExport current = export("feed-a-5", 1, ExportPhase.SUCCEEDED, 5);

    FeedPlan plan = decide(feed, List.of(current), new TodoState(30, Duration.ZERO));

    assertThat(plan.create()).contains("feed-a-30");
  }

  @Test
  void nothingIsMadeWhileAnExportRuns() {
    CalendarExport current = export("feed-a-5", 1, ExportPhase.SUCCEEDED, 5);
    CalendarExport running = export("feed-a-9", 2, ExportPhase.RUNNING, null);

    FeedPlan plan = decide(feed(NOW), List.of(current, running), new TodoState(12, SETTLED));

    assertThat(plan.create()).isEmpty();
    assertThat(plan.delete()).isEmpty();
    assertThat(plan.status().getPendingExport()).isEqualTo("feed-a-9");
    assertThat(upToDate(plan).getReason()).isEqualTo("Regenerating");
  }

  @Test
  void aFeedNobodyFetchedCostsNothing() {
    CalendarExport current = export("feed-a-5", 1, ExportPhase.SUCCEEDED, 5);

    FeedPlan plan =
        decide(feed(NOW.minus(SETTINGS.idleAfter())), List.of(current), new TodoState(9, SETTLED));

    assertThat(plan.create()).isEmpty();
    assertThat(plan.expire()).isFalse();
    assertThat(plan.recheckAfter()).contains(SETTINGS.expireAfter().minus(SETTINGS.idleAfter()));
    assertThat(upToDate(plan).getReason()).isEqualTo("Idle");
  }

  @Test
  void aFeedNobodyFetchedForTheExpiryGoesAndDoesNothingElse() {
    CalendarExport current = export("feed-a-5", 1, ExportPhase.SUCCEEDED, 5);
    CalendarExport older = export("feed-a-3", 0, ExportPhase.SUCCEEDED, 3);

    FeedPlan plan =
        decide(
            feed(NOW.minus(SETTINGS.expireAfter())),
            List.of(current, older),
            new TodoState(9, SETTLED));

    assertThat(plan.expire()).isTrue();
    assertThat(plan.create()).isEmpty();
    assertThat(plan.delete()).isEmpty();
    assertThat(slotsAsked).isEmpty();
  }

  @Test
  void aFeedMadeWithKubectlAndNeverFetchedNeverExpires() {
    CalendarFeed feed = feed(NOW);
    feed.getMetadata().getAnnotations().remove(CalendarFeed.LAST_REQUESTED);
    feed.getMetadata().setCreationTimestamp(NOW.minus(Duration.ofDays(365)).toString());

    FeedPlan plan = decide(feed, List.of(), new TodoState(9, SETTLED));

    assertThat(plan.expire()).isFalse();
    assertThat(plan.recheckAfter()).isEmpty();
  }

  @Test
  void aFailedExportIsShownThenRetriedByDeletingIt() {
    CalendarExport current = export("feed-a-5", 1, ExportPhase.SUCCEEDED, 5);
    CalendarExport failed = export("feed-a-9", 2, ExportPhase.FAILED, null);
    failed.getStatus().setMessage("the database is down");
    failed.getStatus().setCompletionTime(NOW.minusSeconds(10).toString());

    FeedPlan recent = decide(feed(NOW), List.of(current, failed), new TodoState(9, SETTLED));

    assertThat(recent.create()).isEmpty();
    assertThat(recent.delete()).isEmpty();
    assertThat(recent.status().getMessage()).contains("feed-a-9 failed: the database is down");
    assertThat(recent.recheckAfter()).contains(SETTINGS.pollInterval());

    failed.getStatus().setCompletionTime(NOW.minus(SETTINGS.retryAfter()).toString());
    FeedPlan later = decide(feed(NOW), List.of(current, failed), new TodoState(9, SETTLED));

    assertThat(later.delete()).containsExactly(failed);
  }

  @Test
  void aFailedExportBeingDeletedHoldsItsNameUntilItAndItsJobAreGone() {
    CalendarExport current = export("feed-a-5", 1, ExportPhase.SUCCEEDED, 5);
    CalendarExport going = export("feed-a-9", 2, ExportPhase.FAILED, null);
    going.getStatus().setCompletionTime(NOW.minus(SETTINGS.retryAfter()).toString());
    going.getMetadata().setDeletionTimestamp(NOW.toString());
    TodoState todos = new TodoState(9, SETTLED);

    FeedPlan waiting = decide(feed(NOW), List.of(current, going), todos);

    assertThat(waiting.create()).isEmpty();
    assertThat(waiting.delete()).isEmpty(); // deleted once is enough
    assertThat(waiting.status().getPendingExport()).isEqualTo("feed-a-9");
    assertThat(upToDate(waiting).getReason()).isEqualTo("Regenerating");
    assertThat(slotsAsked).isEmpty();

    FeedPlan gone = decide(feed(NOW), List.of(current), todos);

    assertThat(gone.create()).contains("feed-a-9");
  }

  @Test
  void withoutAFreeSlotAStaleFeedIsQueuedAndLooksAgainAfterThePollInterval() {
    slotFree = false;
    CalendarExport current = export("feed-a-5", 1, ExportPhase.SUCCEEDED, 5);

    FeedPlan plan = decide(feed(NOW), List.of(current), new TodoState(9, SETTLED));

    assertThat(slotsAsked).containsExactly("feed-a-9");
    assertThat(plan.create()).isEmpty();
    assertThat(plan.status().getPendingExport()).isNull();
    assertThat(plan.status().getCurrentExport()).isEqualTo("feed-a-5");
    Condition upToDate = upToDate(plan);
    assertThat(upToDate.getReason()).isEqualTo("Queued");
    assertThat(upToDate.getMessage()).contains("at most 3 feed exports");
    assertThat(plan.recheckAfter()).contains(SETTINGS.pollInterval());
  }

  @Test
  void aSlotIsAskedForOnlyWhenAnExportIsToBeMade() {
    CalendarExport current = export("feed-a-5", 1, ExportPhase.SUCCEEDED, 5);

    decide(feed(NOW), List.of(current), new TodoState(5, SETTLED));
    decide(feed(NOW), List.of(current), new TodoState(9, Duration.ZERO));
    decide(feed(NOW.minus(SETTINGS.idleAfter())), List.of(current), new TodoState(9, SETTLED));

    assertThat(slotsAsked).isEmpty();
  }

  @Test
  void aSucceededExportWhoseCalendarIsGoneIsNotServedButDeleted() {
    CalendarExport expired = export("feed-a-5", 1, ExportPhase.SUCCEEDED, null);

    FeedPlan plan = decide(feed(NOW), List.of(expired), new TodoState(5, SETTLED));

    assertThat(plan.status().getCurrentExport()).isNull();
    assertThat(plan.delete()).containsExactly(expired);
    assertThat(plan.create()).isEmpty(); // its name is taken until it is gone
  }

  @Test
  void aWindowFilteredCalendarIsRemadeWhenItsWindowHasMoved() {
    CalendarFeed feed = feed(NOW);
    feed.getSpec().setFilter(new ExportFilter(null, 7));
    CalendarExport current = export("feed-a-5", 1, ExportPhase.SUCCEEDED, 5);
    current.getStatus().setCompletionTime(NOW.minus(SETTINGS.windowRefresh()).toString());

    FeedPlan plan = decide(feed, List.of(current), new TodoState(5, SETTLED));

    long period = NOW.getEpochSecond() / SETTINGS.windowRefresh().toSeconds();
    assertThat(plan.create()).contains("feed-a-5-w" + period);
  }

  private FeedPlan decide(CalendarFeed feed, List<CalendarExport> exports, TodoState todos) {
    return FeedPlan.decide(
        feed,
        exports,
        todos,
        export -> {
          Long revision = calendars.get(export.getMetadata().getName());
          return revision == null ? OptionalLong.empty() : OptionalLong.of(revision);
        },
        SETTINGS,
        NOW,
        name -> {
          slotsAsked.add(name);
          return slotFree;
        });
  }

  private static CalendarFeed feed(Instant lastRequested) {
    CalendarFeed feed = new CalendarFeed();
    feed.setMetadata(
        new ObjectMetaBuilder()
            .withName("feed-a")
            .withNamespace("ns")
            .withUid(UUID.randomUUID().toString())
            .withGeneration(1L)
            .withCreationTimestamp("2026-12-01T00:00:00Z")
            .addToAnnotations(CalendarFeed.LAST_REQUESTED, lastRequested.toString())
            .build());
    return feed;
  }

  /** The {@code order}-th export the feed asked for; {@code revision} null: no calendar stored. */
  private CalendarExport export(String name, int order, ExportPhase phase, Integer revision) {
    CalendarExport export = new CalendarExport();
    export.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withUid(UUID.randomUUID().toString())
            .addToAnnotations(CalendarExport.REQUESTED_AT, NOW.minusSeconds(100 - order).toString())
            .build());
    CalendarExportStatus status = new CalendarExportStatus();
    status.setPhase(phase);
    if (phase.isFinal()) {
      status.setCompletionTime(NOW.minusSeconds(50 - order).toString());
    }
    export.setStatus(status);
    if (revision != null) {
      calendars.put(name, revision.longValue());
    }
    return export;
  }

  private static Condition upToDate(FeedPlan plan) {
    return condition(plan, CalendarFeedStatus.UP_TO_DATE_CONDITION);
  }

  private static Condition condition(FeedPlan plan, String type) {
    return plan.status().getConditions().stream()
        .filter(c -> c.getType().equals(type))
        .findFirst()
        .orElseThrow();
  }
}

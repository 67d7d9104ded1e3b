package io.taskoverflow.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.ScalableResource;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.feed.CalendarFeed;
import io.taskoverflow.model.feed.CalendarFeedSpec;
import io.taskoverflow.model.job.GeneratorEnv;
import io.taskoverflow.model.job.GeneratorReport;
import io.taskoverflow.schema.TestDatabase;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 16: CalendarFeeds under load, on the real control plane. Feeds make their calendars a few
 * at a time, a failed feed export is made again only once its old Job is gone, and the operator
 * logs none of the errors the flood on the sandbox showed (422 on the feed status, Jobs of another
 * export, uncaught errors).
 */
class CalendarFeedIT {

  private static final Duration FLOOD_SETTLES = Duration.ofMinutes(4);
  private static final String HOLD = "test.taskoverflow.io/hold";
  private static final int MAX_FEED_EXPORTS = 3;
  // Feeds the api-server made (marked as fetched) go after this; the others here carry no mark.
  private static final Duration EXPIRY = Duration.ofSeconds(20);

  @RegisterExtension final TestNamespace namespace = new TestNamespace();

  private KubernetesClient admin;
  private CalendarExportOperator operator;
  private OperatorLog log;
  private TestNode node;

  /** Calendar names whose first export has failed; their next one runs the real generator. */
  private final Set<String> failedOnce = ConcurrentHashMap.newKeySet();

  @BeforeEach
  void start() throws SQLException {
    TestDatabase.reset();
    TestDatabase.execute(
        "INSERT INTO todos (title, deadline_at, created_at, updated_at)"
            + " SELECT 'Todo ' || n, now() + n * interval '1 hour', now(), now()"
            + " FROM generate_series(1, 20) AS n");
    admin = namespace.admin();
    log = OperatorLog.capture();
    operator =
        CalendarExportOperator.start(
            namespace.operatorClient(),
            namespace.operatorConfig(
                Map.of(
                    "FEED_MAX_EXPORTS_IN_FLIGHT", String.valueOf(MAX_FEED_EXPORTS),
                    "FEED_DEBOUNCE_SECONDS", "1",
                    "FEED_POLL_SECONDS", "1",
                    "FEED_RETRY_SECONDS", "1",
                    "FEED_EXPIRE_SECONDS", String.valueOf(EXPIRY.toSeconds()))));
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (node != null) {
      node.close();
    }
    if (operator != null) {
      operator.stop();
    }
    if (log != null) {
      log.close();
    }
    TestDatabase.reset();
  }

  @Test
  void aBurstOfFeedsMakesItsCalendarsAFewAtATimeWithoutOperatorErrors() {
    int count = 20;
    node = new TestNode(namespace, this::failFirstAttemptThenGenerate);

    long start = System.nanoTime();
    IntStream.range(0, count).parallel().forEach(n -> createFeed("flood-" + n));
    AtomicInteger mostInFlight = new AtomicInteger();
    await()
        .atMost(FLOOD_SETTLES)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              mostInFlight.accumulateAndGet(unfinishedFeedExports(), Math::max);
              return feeds().list().getItems().stream()
                  .allMatch(f -> f.getStatus() != null && f.getStatus().getCurrentExport() != null);
            });
    long seconds = (System.nanoTime() - start) / 1_000_000_000;

    System.out.printf(
        "CalendarFeedIT: %d feeds, each export failing once, served after %d s; at most %d feed"
            + " exports unfinished at once (limit %d); %d exports, %d Jobs left%n",
        count,
        seconds,
        mostInFlight.get(),
        MAX_FEED_EXPORTS,
        exports().list().getItems().size(),
        admin.batch().v1().jobs().inNamespace(namespace.name()).list().getItems().size());
    assertThat(node.failures()).isEmpty();
    assertThat(mostInFlight.get()).isLessThanOrEqualTo(MAX_FEED_EXPORTS);
    assertThat(events("JobNameTaken")).isEmpty();
    assertThat(log.linesContaining("Uncaught error")).isEmpty();
    assertThat(log.linesContaining("code=422")).isEmpty();
    assertThat(log.linesContaining("ForeignJobException")).isEmpty();
  }

  @Test
  void aFailedFeedExportIsMadeAgainOnlyOnceItsOldJobIsGone() {
    // The garbage collector may take its time with the failed export's Job; here it takes until
    // the test releases it.
    node =
        new TestNode(
            namespace,
            pod -> {
              if (!failedOnce.contains(TestGenerator.env(pod).get(GeneratorEnv.CALENDAR_NAME))) {
                await()
                    .atMost(TestExports.KUBERNETES_REACTS)
                    .ignoreExceptions()
                    .untilAsserted(
                        () -> jobs().withName(jobName(pod)).edit(job -> hold(job, true)));
              }
              return failFirstAttemptThenGenerate(pod);
            });
    createFeed("held");
    CalendarExport failed =
        await()
            .atMost(TestExports.KUBERNETES_REACTS)
            .until(
                () -> exports().list().getItems().stream().findFirst().orElse(null),
                export -> export != null);
    String name = failed.getMetadata().getName();
    Job failedJob =
        await()
            .atMost(TestExports.KUBERNETES_REACTS)
            .until(
                () -> jobs().withName(name).get(),
                job -> job != null && job.getMetadata().getDeletionTimestamp() != null);

    CalendarExport holder = exports().withName(name).get();
    assertThat(holder).as("the failed export stays while its Job does").isNotNull();
    assertThat(holder.getMetadata().getUid()).isEqualTo(failed.getMetadata().getUid());

    // The Job controller writes the Job too: an edit from a stale copy is refused (409) and
    // retried.
    await()
        .atMost(TestExports.KUBERNETES_REACTS)
        .ignoreExceptions()
        .untilAsserted(() -> jobs().withName(name).edit(job -> hold(job, false)));
    CalendarFeed served =
        await()
            .atMost(TestExports.KUBERNETES_REACTS)
            .until(
                () -> feeds().withName("held").get(),
                feed -> feed.getStatus() != null && feed.getStatus().getCurrentExport() != null);
    assertThat(served.getStatus().getCurrentExport()).isEqualTo(name);
    assertThat(exports().withName(name).get().getMetadata().getUid())
        .isNotEqualTo(failed.getMetadata().getUid());
    assertThat(jobs().withName(name).get().getMetadata().getUid())
        .isNotEqualTo(failedJob.getMetadata().getUid());
    assertThat(node.failures()).isEmpty();
    assertThat(events("JobNameTaken")).isEmpty();
    assertThat(log.linesContaining("ForeignJobException")).isEmpty();
  }

  @Test
  void aFeedNobodyFetchesAnyMoreIsDeletedWithItsExports() {
    node = new TestNode(namespace, pod -> TestGenerator.run(TestGenerator.env(pod)));
    CalendarFeed feed = feed("abandoned");
    feed.getMetadata()
        .setAnnotations(Map.of(CalendarFeed.LAST_REQUESTED, Instant.now().toString()));
    feeds().resource(feed).create();
    await()
        .atMost(TestExports.KUBERNETES_REACTS)
        .until(() -> !exports().withLabel(CalendarFeed.FEED_LABEL).list().getItems().isEmpty());

    await()
        .atMost(EXPIRY.plus(TestExports.KUBERNETES_REACTS))
        .until(() -> feeds().withName("abandoned").get() == null);
    await()
        .atMost(TestExports.KUBERNETES_REACTS)
        .until(() -> exports().withLabel(CalendarFeed.FEED_LABEL).list().getItems().isEmpty());
    assertThat(log.linesContaining("Feed " + namespace.name() + "/abandoned was not fetched for"))
        .hasSize(1);
    assertThat(node.failures()).isEmpty();
  }

  // --- fixtures

  private TestGenerator.Outcome failFirstAttemptThenGenerate(Pod pod) {
    Map<String, String> env = TestGenerator.env(pod);
    if (failedOnce.add(env.get(GeneratorEnv.CALENDAR_NAME))) {
      return new TestGenerator.Outcome(
          2, GeneratorReport.failure("the first attempt of each feed fails").toJson());
    }
    return TestGenerator.run(env);
  }

  /** A feed as kubectl makes it: never fetched through the api-server, so it never expires. */
  private void createFeed(String name) {
    feeds().resource(feed(name)).create();
  }

  private CalendarFeed feed(String name) {
    CalendarFeed feed = new CalendarFeed();
    feed.setMetadata(
        new ObjectMetaBuilder().withName(name).withNamespace(namespace.name()).build());
    CalendarFeedSpec spec = new CalendarFeedSpec();
    spec.setCalendarName(name);
    feed.setSpec(spec);
    return feed;
  }

  private int unfinishedFeedExports() {
    return (int)
        exports().withLabel(CalendarFeed.FEED_LABEL).list().getItems().stream()
            .filter(
                e ->
                    e.getStatus() == null
                        || e.getStatus().getPhase() == null
                        || !e.getStatus().getPhase().isFinal())
            .count();
  }

  private static String jobName(Pod pod) {
    return pod.getMetadata().getLabels().get("batch.kubernetes.io/job-name");
  }

  private static Job hold(Job job, boolean hold) {
    JobBuilder held = new JobBuilder(job);
    if (hold) {
      held.editMetadata().addToFinalizers(HOLD).endMetadata();
    } else {
      held.editMetadata().removeFromFinalizers(HOLD).endMetadata();
    }
    return held.build();
  }

  private List<Event> events(String reason) {
    return admin.v1().events().inNamespace(namespace.name()).list().getItems().stream()
        .filter(event -> reason.equals(event.getReason()))
        .toList();
  }

  private NonNamespaceOperation<
          CalendarFeed, KubernetesResourceList<CalendarFeed>, Resource<CalendarFeed>>
      feeds() {
    return admin.resources(CalendarFeed.class).inNamespace(namespace.name());
  }

  private NonNamespaceOperation<
          CalendarExport, KubernetesResourceList<CalendarExport>, Resource<CalendarExport>>
      exports() {
    return admin.resources(CalendarExport.class).inNamespace(namespace.name());
  }

  private NonNamespaceOperation<Job, JobList, ScalableResource<Job>> jobs() {
    return admin.batch().v1().jobs().inNamespace(namespace.name());
  }
}

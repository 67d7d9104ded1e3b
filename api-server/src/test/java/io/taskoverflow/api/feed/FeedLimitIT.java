package io.taskoverflow.api.feed;

import static io.taskoverflow.api.TestApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.taskoverflow.api.SharedKubernetes;
import io.taskoverflow.api.TestApi;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.feed.CalendarFeed;
import io.taskoverflow.model.feed.CalendarFeedStatus;
import io.taskoverflow.schema.TestDatabase;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 16: an unauthenticated flood of made-up feed URLs makes at most {@code MAX_FEEDS}
 * CalendarFeeds, and the feeds' exports never count against the exports users may have in flight.
 * No operator runs here: the feeds made by the flood never get a calendar.
 */
@ExtendWith(SharedKubernetes.class)
class FeedLimitIT {

  private static final int MAX_FEEDS = 5;
  private static final int FLOOD = 40;

  @RegisterExtension
  static final TestApi api =
      TestApi.perClass(
          Map.of("MAX_FEEDS", String.valueOf(MAX_FEEDS), "MAX_EXPORTS_IN_FLIGHT", "1"));

  @BeforeAll
  static void emptyDatabase() {
    TestDatabase.reset();
  }

  @Test
  void aFloodOfNewFeedsMakesAtMostMaxFeedsAndTheRestAreRefusedWithRetryAfter() {
    HttpClient client = HttpClient.newHttpClient();
    // The requests that made a feed wait for its first calendar, which never comes here.
    List<CompletableFuture<HttpResponse<String>>> responses =
        IntStream.range(0, FLOOD)
            .mapToObj(
                n ->
                    client.sendAsync(
                        api.request("/api/v1/todos/ical/feed.ics?calendar_name=flood-" + n)
                            .GET()
                            .build(),
                        HttpResponse.BodyHandlers.ofString()))
            .toList();

    List<HttpResponse<String>> refused =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    responses.stream()
                        .filter(CompletableFuture::isDone)
                        .map(r -> r.join())
                        .toList(),
                done -> done.size() >= FLOOD - MAX_FEEDS);
    List<CalendarFeed> feeds =
        api.admin().resources(CalendarFeed.class).inNamespace(TestApi.NAMESPACE).list().getItems();

    System.out.printf(
        "FeedLimitIT: %d requests for new feeds, limit %d: %d feeds made, %d refused%n",
        FLOOD, MAX_FEEDS, feeds.size(), refused.size());
    assertThat(feeds).hasSize(MAX_FEEDS);
    assertThat(refused).hasSize(FLOOD - MAX_FEEDS);
    for (HttpResponse<String> response : refused) {
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.headers().firstValue("Retry-After")).contains("3600");
      assertThat(json(response).get("error").asText())
          .startsWith("Too many calendar feeds (at most " + MAX_FEEDS + " may exist)");
    }
    // A feed that exists is served as before: here its first export failed, which it says.
    CalendarFeed made = feeds.get(0);
    failFirstExport(made.getMetadata().getName());
    HttpResponse<String> existing =
        api.get("/api/v1/todos/ical/feed.ics?calendar_name=" + made.getSpec().getCalendarName());
    assertThat(existing.statusCode()).isEqualTo(503);
    assertThat(json(existing).get("error").asText()).contains("the generator broke");
    responses.forEach(response -> response.cancel(true));
  }

  /** What the operator writes when a feed's first export failed. */
  private static void failFirstExport(String feed) {
    CalendarFeedStatus status = new CalendarFeedStatus();
    status.setConditions(
        List.of(
            new ConditionBuilder()
                .withType(CalendarFeedStatus.READY_CONDITION)
                .withStatus("False")
                .withReason("ExportFailed")
                .withMessage("Export " + feed + "-1 failed: the generator broke")
                .withLastTransitionTime("2026-04-03T14:00:05Z")
                .build()));
    api.admin()
        .resources(CalendarFeed.class)
        .inNamespace(TestApi.NAMESPACE)
        .withName(feed)
        .editStatus(
            current -> {
              current.setStatus(status);
              return current;
            });
  }

  @Test
  void theFeedsExportsDoNotCountAgainstTheExportsUsersMayHaveInFlight() {
    KubernetesClient admin = api.admin();
    for (int n = 0; n < 3; n++) {
      CalendarExport feedExport = new CalendarExport();
      feedExport.setMetadata(
          new ObjectMetaBuilder()
              .withName("feed-0123456789abcdef0123-" + n)
              .addToLabels(CalendarFeed.FEED_LABEL, "3f0c8a52-0000-4000-8000-00000000000" + n)
              .build());
      admin
          .resources(CalendarExport.class)
          .inNamespace(TestApi.NAMESPACE)
          .resource(feedExport)
          .create();
    }

    HttpResponse<String> mine = api.post("/api/v1/todos/ical", "{}");

    assertThat(mine.statusCode()).as(mine.body()).isEqualTo(202);
  }
}

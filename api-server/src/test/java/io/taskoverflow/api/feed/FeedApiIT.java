package io.taskoverflow.api.feed;

import static io.taskoverflow.api.TestApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.taskoverflow.api.SharedKubernetes;
import io.taskoverflow.api.TestApi;
import io.taskoverflow.api.export.OperatorStandIn;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.feed.CalendarFeed;
import io.taskoverflow.model.feed.CalendarFeedSpec;
import io.taskoverflow.model.feed.CalendarFeedStatus;
import io.taskoverflow.schema.TestDatabase;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The feed route with API tokens on: a link made for one feed opens that feed, without an
 * Authorization header, and nothing else. The operator's part (the feed's status) is written here.
 */
@ExtendWith(SharedKubernetes.class)
class FeedApiIT {

  private static final String TOKEN = "feed-test-token-0123456789";
  private static final String CALENDAR =
      "BEGIN:VCALENDAR\r\nX-WR-CALNAME:Work\r\nEND:VCALENDAR\r\n";

  @RegisterExtension static final TestApi api = TestApi.perClass(Map.of("API_TOKENS", TOKEN));

  @BeforeAll
  static void emptyDatabase() {
    TestDatabase.reset();
  }

  @Test
  void aFeedLinkOpensItsFeedWithoutATokenAndNothingElse() {
    HttpResponse<String> link =
        api.send(
            api.request("/api/v1/todos/ical/feed-link?calendar_name=Work")
                .header("Authorization", "Bearer " + TOKEN));
    assertThat(link.statusCode()).isEqualTo(200);
    JsonNode body = json(link);
    URI url = URI.create(body.get("url").asText());
    assertThat(url.getPath()).isEqualTo("/api/v1/todos/ical/feed.ics");
    assertThat(url.getQuery()).startsWith("calendar_name=Work&key=");
    assertThat(body.get("webcal_url").asText())
        .isEqualTo("webcal://" + url.getAuthority() + url.getRawPath() + "?" + url.getRawQuery());
    feedServing(body.get("feed").asText(), "Work");

    HttpResponse<String> opened = api.get(url.getRawPath() + "?" + url.getRawQuery());
    assertThat(opened.statusCode()).isEqualTo(200);
    assertThat(opened.body()).isEqualTo(CALENDAR);
    assertThat(
            api.send(
                    api.request(url.getRawPath() + "?" + url.getRawQuery())
                        .header("If-None-Match", opened.headers().firstValue("ETag").orElseThrow()))
                .statusCode())
        .isEqualTo(304);

    String key = url.getRawQuery().replaceAll(".*key=", "");
    HttpResponse<String> otherFeed =
        api.get("/api/v1/todos/ical/feed.ics?calendar_name=Other&key=" + key);
    HttpResponse<String> forged =
        api.get("/api/v1/todos/ical/feed.ics?calendar_name=Work&key=" + key.substring(1) + "A");
    HttpResponse<String> noKey = api.get("/api/v1/todos/ical/feed.ics?calendar_name=Work");
    HttpResponse<String> keyElsewhere = api.get("/api/v1/todos?key=" + key);

    assertThat(otherFeed.statusCode()).isEqualTo(401);
    assertThat(json(otherFeed).get("error").asText()).startsWith("Invalid feed key");
    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(noKey.statusCode()).isEqualTo(401);
    assertThat(keyElsewhere.statusCode()).isEqualTo(401);
  }

  @Test
  void theFeedLinkNeedsAToken() {
    assertThat(api.get("/api/v1/todos/ical/feed-link?calendar_name=Work").statusCode())
        .isEqualTo(401);
  }

  /** What the operator leaves behind: an export with a stored calendar, served by the feed. */
  private static void feedServing(String feedName, String calendarName) {
    KubernetesClient admin = api.admin();
    CalendarExport export = new CalendarExport();
    export.setMetadata(new ObjectMetaBuilder().withName(feedName + "-1").build());
    admin.resources(CalendarExport.class).inNamespace(TestApi.NAMESPACE).resource(export).create();
    new OperatorStandIn(admin, TestApi.NAMESPACE).succeed(feedName + "-1", CALENDAR);

    CalendarFeedSpec spec = new CalendarFeedSpec();
    spec.setCalendarName(calendarName);
    CalendarFeed feed = new CalendarFeed();
    feed.setMetadata(new ObjectMetaBuilder().withName(feedName).build());
    feed.setSpec(spec);
    var feeds = admin.resources(CalendarFeed.class).inNamespace(TestApi.NAMESPACE);
    feeds.resource(feed).create();
    CalendarFeedStatus status = new CalendarFeedStatus();
    status.setCurrentExport(feedName + "-1");
    status.setTodoRevision(1L);
    status.setLastUpdateTime("2026-04-03T14:00:05Z");
    status.setConditions(
        List.of(
            new ConditionBuilder()
                .withType(CalendarFeedStatus.READY_CONDITION)
                .withStatus("True")
                .withReason("CalendarAvailable")
                .withLastTransitionTime("2026-04-03T14:00:05Z")
                .build()));
    feeds
        .withName(feedName)
        .editStatus(
            current -> {
              current.setStatus(status);
              return current;
            });
  }
}

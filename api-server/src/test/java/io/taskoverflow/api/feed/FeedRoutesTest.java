package io.taskoverflow.api.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoverflow.api.Answer;
import io.taskoverflow.api.InMemoryApi;
import io.taskoverflow.api.RouteClient;
import io.taskoverflow.api.auth.ApiTokens;
import io.taskoverflow.model.feed.CalendarFeed;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The feed routes on in-memory feeds, exports and calendars; the test plays the operator. FeedApiIT
 * runs them on a kube-apiserver and PostgreSQL.
 */
class FeedRoutesTest {

  private static final String FEED = "/api/v1/todos/ical/feed.ics?calendar_name=Work";
  private static final String LINK = "/api/v1/todos/ical/feed-link?calendar_name=Work";
  private static final String CALENDAR =
      "BEGIN:VCALENDAR\r\nX-WR-CALNAME:Work\r\nEND:VCALENDAR\r\n";
  private static final String UPDATED = "2026-04-03T14:00:05Z";
  private static final String UPDATED_HTTP_DATE = "Fri, 03 Apr 2026 14:00:05 GMT";
  private static final String TOKEN = "feed-test-token-0123456789";

  @RegisterExtension final InMemoryApi api = new InMemoryApi();

  @Test
  void theLinkNamesTheFeedAndCreatesNothing() {
    api.test(
        client -> {
          Answer link = client.get(LINK);

          assertThat(link.status()).isEqualTo(200);
          String url = link.json().get("url").asText();
          assertThat(url).isEqualTo(client.origin() + FEED);
          assertThat(link.json().get("webcal_url").asText())
              .isEqualTo(url.replaceFirst("^http://", "webcal://"));
          assertThat(api.feeds().find(link.json().get("feed").asText())).isEmpty();
        });
  }

  @Test
  void aNewFeedIsCreatedMarkedAndAnswers503UntilItsFirstCalendarIsMade() {
    api.test(
        client -> {
          Answer answer = client.get(FEED);

          assertThat(answer.status()).isEqualTo(503);
          assertThat(answer.header("Retry-After")).isEqualTo("10");
          assertThat(answer.error()).isEqualTo("The feed's first calendar is still being made");
          CalendarFeed feed = api.feeds().find(feedName(client)).orElseThrow();
          assertThat(feed.getSpec().getCalendarName()).isEqualTo("Work");
          assertThat(feed.getMetadata().getAnnotations()).containsKey(CalendarFeed.LAST_REQUESTED);
        });
  }

  @Test
  void aServedFeedAnswersItsCalendarWithValidators() {
    api.test(
        client -> {
          String sha256 = serving(client);

          Answer answer = client.get(FEED);

          assertThat(answer.status()).isEqualTo(200);
          assertThat(answer.body()).isEqualTo(CALENDAR);
          assertThat(answer.header("Content-Type")).isEqualTo("text/calendar; charset=utf-8");
          assertThat(answer.header("Content-Disposition"))
              .isEqualTo("inline; filename=\"" + feedName(client) + ".ics\"");
          assertThat(answer.header("ETag")).isEqualTo("\"" + sha256 + "\"");
          assertThat(answer.header("Last-Modified")).isEqualTo(UPDATED_HTTP_DATE);
          assertThat(answer.header("Cache-Control")).isEqualTo("no-cache");
        });
  }

  @Test
  void revalidationAnswers304UnlessTheCalendarChanged() {
    api.test(
        client -> {
          String etag = "\"" + serving(client) + "\"";

          assertThat(conditional(client, "If-None-Match", etag).status()).isEqualTo(304);
          assertThat(conditional(client, "If-None-Match", "\"0000\"").status()).isEqualTo(200);
          assertThat(conditional(client, "If-Modified-Since", UPDATED_HTTP_DATE).status())
              .isEqualTo(304);
          assertThat(
                  conditional(client, "If-Modified-Since", "Fri, 03 Apr 2026 14:00:04 GMT")
                      .status())
              .isEqualTo(200);
          assertThat(conditional(client, "If-Modified-Since", "not a date").status())
              .isEqualTo(200);
        });
  }

  @Test
  void aFeedWhoseFirstExportFailedAnswers503WithTheReason() {
    api.test(
        client -> {
          client.get(FEED);
          api.feeds().failing(feedName(client), "the generator ran out of memory");

          Answer answer = client.get(FEED);

          assertThat(answer.status()).isEqualTo(503);
          assertThat(answer.header("Retry-After")).isEqualTo("10");
          assertThat(answer.error())
              .isEqualTo("The feed's calendar could not be made: the generator ran out of memory");
        });
  }

  @Test
  void aFeedWhoseExportIsGoneAnswers503WhileItIsReplaced() {
    api.test(
        client -> {
          client.get(FEED);
          api.feeds().serving(feedName(client), "deleted-a-moment-ago", UPDATED);

          Answer answer = client.get(FEED);

          assertThat(answer.status()).isEqualTo(503);
          assertThat(answer.error()).isEqualTo("The feed's calendar is being replaced");
        });
  }

  @Test
  void withTokensTheLinksKeyOpensThatFeedAndNoOther() {
    try (InMemoryApi withTokens = new InMemoryApi(ApiTokens.parse(TOKEN))) {
      withTokens.test(
          client -> {
            Answer link =
                client.send(LINK, request -> request.header("Authorization", "Bearer " + TOKEN));
            URI url = URI.create(link.json().get("url").asText());
            String key = url.getRawQuery().replaceAll(".*key=", "");
            serving(withTokens, client, link.json().get("feed").asText());

            assertThat(link.status()).isEqualTo(200);
            assertThat(url.getRawQuery()).startsWith("calendar_name=Work&key=");
            assertThat(client.get(url.getRawPath() + "?" + url.getRawQuery()).body())
                .isEqualTo(CALENDAR);
            assertThat(client.get(FEED).status()).isEqualTo(401);
            Answer otherFeed =
                client.get("/api/v1/todos/ical/feed.ics?calendar_name=Other&key=" + key);
            assertThat(otherFeed.status()).isEqualTo(401);
            assertThat(otherFeed.error()).startsWith("Invalid feed key");
            assertThat(client.get(LINK).status()).isEqualTo(401);
          });
    }
  }

  private String serving(RouteClient client) {
    return serving(api, client, feedName(client));
  }

  /** The operator's part: an export with a stored calendar that is the feed's; its checksum. */
  private static String serving(InMemoryApi api, RouteClient client, String feed) {
    // The feed's first request creates it; the bearer token, when tokens are on, opens the route.
    client.send(FEED, request -> request.header("Authorization", "Bearer " + TOKEN));
    api.exports().createdElsewhere(feed + "-1");
    String sha256 = api.succeed(feed + "-1", CALENDAR).sha256();
    api.feeds().serving(feed, feed + "-1", UPDATED);
    return sha256;
  }

  private static String feedName(RouteClient client) {
    return client.get(LINK).json().get("feed").asText();
  }

  private static Answer conditional(RouteClient client, String header, String value) {
    return client.send(FEED, request -> request.header(header, value));
  }
}

package io.taskoverflow.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.feed.CalendarFeed;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A calendar app subscribed to the feed: the first fetch waits for the first calendar, refetches of
 * an unchanged feed are 304, and a burst of todo edits becomes one new calendar made by one Job.
 */
class CalendarFeedE2E {

  @RegisterExtension static final CleanSandbox e2e = new CleanSandbox();

  @TempDir static Path workDirectory;

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theFeedIsRevalidatedCheaplyAndABurstOfEditsCostsOneJob() throws Exception {
    int todo =
        e2e.api()
            .createTodo("Water the plants", "Balcony first", "2026-08-01T08:00:00")
            .get("id")
            .asInt();
    String feedUrl = feedUrl("Plants");

    HttpResponse<String> first = get(feedUrl, null, null);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/calendar"));
    assertThat(first.body())
        .contains("X-WR-CALNAME:Plants\r\n")
        .contains("REFRESH-INTERVAL;VALUE=DURATION:PT15M\r\n")
        .contains("X-PUBLISHED-TTL:PT15M\r\n")
        .contains("SUMMARY:Water the plants\r\n");
    String etag = first.headers().firstValue("ETag").orElseThrow();
    String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();

    assertThat(get(feedUrl, etag, null).statusCode()).isEqualTo(304);
    assertThat(get(feedUrl, null, lastModified).statusCode()).isEqualTo(304);

    CalendarFeed feed = onlyFeed();
    Set<String> exportsMade = ConcurrentHashMap.newKeySet();
    Set<String> jobsMade = ConcurrentHashMap.newKeySet();
    try (Watch exports = watchAdded(CalendarExport.class, feed, exportsMade);
        Watch jobs = watchJobs(jobsMade)) {
      for (int edit = 1; edit <= 5; edit++) {
        updateTodo(todo, "Water the plants (edit " + edit + ")");
      }
      // Within the debounce the previous calendar is still the one served.
      assertThat(get(feedUrl, etag, null).statusCode()).isEqualTo(304);

      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> get(feedUrl, etag, null).statusCode() == 200);
      HttpResponse<String> updated = get(feedUrl, null, null);
      assertThat(updated.body())
          .contains("SUMMARY:Water the plants (edit 5)\r\n")
          .doesNotContain("SUMMARY:Water the plants\r\n");
      assertThat(updated.headers().firstValue("ETag")).get().isNotEqualTo(etag);

      assertThat(exportsMade).as("exports the feed made after the burst").hasSize(1);
      assertThat(jobsMade).as("generator Jobs run after the burst").hasSize(1);
    }
    CalendarFeed after = onlyFeed();
    assertThat(after.getStatus().getCurrentExport()).isIn(exportsMade);
    // The superseded export and its calendar go; only the one served stays.
    await().atMost(Duration.ofSeconds(30)).until(() -> feedExports(after).size() == 1);
  }

  @Test
  void kubectlShowsTheFeedAndItsCalendar() throws Exception {
    e2e.api().createTodo("Call the plumber", null, "2026-08-02T10:00:00");
    assertThat(get(feedUrl("Plumbing"), null, null).statusCode()).isEqualTo(200);

    String output = e2e.kubectl().run("get", "calendarfeeds");
    assertThat(output)
        .contains("CURRENT")
        .contains("REVISION")
        .containsPattern("feed-[0-9a-f]{20} ");
  }

  @Test
  void aFeedWhoseCalendarCannotBeMadeSaysWhy() throws Exception {
    HttpResponse<String> answer;
    try (SandboxDatabase.RenamedTable away = e2e.database().renameTodosTable()) {
      answer = get(feedUrl("Broken"), null, null);
    }

    assertThat(answer.statusCode()).isEqualTo(503);
    assertThat(answer.headers().firstValue("Retry-After")).isPresent();
    assertThat(JSON.readTree(answer.body()).get("error").asText())
        .startsWith("The feed's calendar could not be made: Export feed-")
        .contains("42P01");
    CalendarFeed broken = feedNamed("Broken");
    assertThat(broken.getStatus().getConditions())
        .anySatisfy(
            condition -> {
              assertThat(condition.getType()).isEqualTo("UpToDate");
              assertThat(condition.getReason()).isEqualTo("ExportFailed");
            });
  }

  @Test
  void aFeedMadeWithKubectlGetsItsCalendarToo() throws Exception {
    Path manifest = workDirectory.resolve("feed.yaml");
    Files.writeString(
        manifest,
        """
        apiVersion: taskoverflow.io/v1
        kind: CalendarFeed
        metadata:
          name: open-todos
        spec:
          calendarName: Open todos
          component: VTODO
          filter:
            completed: false
        """);
    e2e.kubectl().run("apply", "-f", manifest.toString());

    String output =
        e2e.kubectl()
            .run("wait", "--for=condition=Ready", "calendarfeed/open-todos", "--timeout=90s");
    assertThat(output).contains("condition met");
    assertThat(
            e2e.sandbox()
                .client()
                .resources(CalendarFeed.class)
                .inNamespace(Sandbox.NAMESPACE)
                .withName("open-todos")
                .get()
                .getStatus()
                .getCurrentExport())
        .startsWith("open-todos-");
  }

  @Test
  void badOptionsAreRefusedAndCreateNoFeed() throws Exception {
    int before =
        e2e.sandbox()
            .client()
            .resources(CalendarFeed.class)
            .inNamespace(Sandbox.NAMESPACE)
            .list()
            .getItems()
            .size();

    HttpResponse<String> unknown = get(base() + "/todos/ical/feed.ics?colour=red", null, null);
    HttpResponse<String> badWindow = get(base() + "/todos/ical/feed.ics?window=soon", null, null);
    HttpResponse<String> badComponent =
        get(base() + "/todos/ical/feed.ics?component=VJOURNAL", null, null);

    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(unknown.body()).get("error").asText()).contains("colour");
    assertThat(badWindow.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(badWindow.body()).get("error").asText()).contains("window");
    assertThat(badComponent.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(badComponent.body()).get("error").asText())
        .contains("VEVENT or VTODO");
    assertThat(
            e2e.sandbox()
                .client()
                .resources(CalendarFeed.class)
                .inNamespace(Sandbox.NAMESPACE)
                .list()
                .getItems())
        .hasSize(before);
  }

  private static String base() {
    return e2e.sandbox().apiBaseUrl() + "/api/v1";
  }

  private static String feedUrl(String calendarName) {
    return base()
        + "/todos/ical/feed.ics?calendar_name="
        + URLEncoder.encode(calendarName, StandardCharsets.UTF_8);
  }

  private static CalendarFeed onlyFeed() {
    return feedNamed("Plants");
  }

  private static CalendarFeed feedNamed(String calendarName) {
    List<CalendarFeed> feeds =
        e2e
            .sandbox()
            .client()
            .resources(CalendarFeed.class)
            .inNamespace(Sandbox.NAMESPACE)
            .list()
            .getItems()
            .stream()
            .filter(feed -> calendarName.equals(feed.getSpec().getCalendarName()))
            .toList();
    assertThat(feeds).hasSize(1);
    return feeds.get(0);
  }

  private static List<CalendarExport> feedExports(CalendarFeed feed) {
    return e2e.sandbox()
        .client()
        .resources(CalendarExport.class)
        .inNamespace(Sandbox.NAMESPACE)
        .withLabel(CalendarFeed.FEED_LABEL, feed.getMetadata().getUid())
        .list()
        .getItems();
  }

  /** Exports of the feed created from now on (listed first: a plain watch replays the present). */
  private static Watch watchAdded(
      Class<CalendarExport> type, CalendarFeed feed, Set<String> names) {
    var exports = e2e.sandbox().client().resources(type).inNamespace(Sandbox.NAMESPACE);
    String selector = CalendarFeed.FEED_LABEL + "=" + feed.getMetadata().getUid();
    String now = exports.withLabelSelector(selector).list().getMetadata().getResourceVersion();
    return exports.watch(
        new ListOptionsBuilder().withLabelSelector(selector).withResourceVersion(now).build(),
        new Added<>(names));
  }

  private static Watch watchJobs(Set<String> names) {
    var jobs = e2e.sandbox().client().batch().v1().jobs().inNamespace(Sandbox.NAMESPACE);
    String now = jobs.list().getMetadata().getResourceVersion();
    return jobs.watch(
        new ListOptionsBuilder().withResourceVersion(now).build(), new Added<Job>(names));
  }

  /** Collects the names of objects created after the watch began. */
  private record Added<T extends HasMetadata>(Set<String> names) implements Watcher<T> {
    @Override
    public void eventReceived(Action action, T resource) {
      if (action == Action.ADDED) {
        names.add(resource.getMetadata().getName());
      }
    }

    @Override
    public void onClose(WatcherException cause) {}
  }

  private static void updateTodo(int id, String title) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base() + "/todos/" + id))
            .header("Content-Type", "application/json")
            .PUT(
                HttpRequest.BodyPublishers.ofString(
                    JSON.createObjectNode().put("title", title).toString()))
            .build();
    assertThat(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(200);
  }

  private static HttpResponse<String> get(String url, String ifNoneMatch, String ifModifiedSince)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
    if (ifNoneMatch != null) {
      request.header("If-None-Match", ifNoneMatch);
    }
    if (ifModifiedSince != null) {
      request.header("If-Modified-Since", ifModifiedSince);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}

package io.taskoverflow.api.feed;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.Header;
import io.javalin.http.HttpStatus;
import io.taskoverflow.api.auth.ApiTokens;
import io.taskoverflow.api.auth.BearerAuthentication;
import io.taskoverflow.api.auth.FeedKeyRoute;
import io.taskoverflow.api.db.DatabaseGate;
import io.taskoverflow.api.export.CalendarExports;
import io.taskoverflow.api.export.CalendarResults;
import io.taskoverflow.api.export.EntityTags;
import io.taskoverflow.api.export.ExportRequestValidator;
import io.taskoverflow.api.web.ApiError;
import io.taskoverflow.api.web.BaseUrl;
import io.taskoverflow.calendars.StoredCalendar;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.feed.CalendarFeed;
import io.taskoverflow.model.feed.CalendarFeedStatus;
import io.taskoverflow.model.job.ResultLocation;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /todos/ical/feed.ics}: the newest calendar of a {@link CalendarFeed}, for calendar
 * applications to subscribe to. Revalidation is cheap (ETag and Last-Modified, 304), and the
 * previous calendar is served while the operator makes the next one.
 */
public record FeedController(
    CalendarFeeds feeds,
    CalendarExports exports,
    CalendarResults results,
    DatabaseGate database,
    ApiTokens tokens,
    BaseUrl baseUrl) {

  /** A new feed's first calendar runs a Job: waiting for it beats an error in a calendar app. */
  static final Duration FIRST_CALENDAR_WAIT = Duration.ofSeconds(30);

  static final long RETRY_AFTER_SECONDS = 10;

  static final String FEED_PATH = "/api/v1/todos/ical/feed.ics";

  /** RFC 9110's IMF-fixdate; Java's RFC_1123 formatter writes a one-digit day without its zero. */
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);

  private static final FeedQuery QUERY = new FeedQuery();

  /**
   * {@code GET /todos/ical/feed-link}: the URL to subscribe to for these options. With API tokens
   * on, it carries a key that opens this one feed (made from the caller's token), since calendar
   * applications cannot send an Authorization header. Creates nothing.
   */
  public void link(Context ctx) {
    Map<String, List<String>> options = new LinkedHashMap<>(ctx.queryParamMap());
    options.remove(FeedQuery.KEY);
    String feed = FeedNames.of(QUERY.parse(options));
    StringJoiner parameters = new StringJoiner("&");
    for (String name : ExportRequestValidator.FIELDS) {
      if (options.containsKey(name)) {
        parameters.add(name + "=" + encode(options.get(name).get(0)));
      }
    }
    BearerAuthentication.presentedToken(ctx)
        .filter(token -> tokens.enabled())
        .ifPresent(token -> parameters.add(FeedQuery.KEY + "=" + tokens.feedKey(token, feed)));
    String url = baseUrl.of(ctx) + FEED_PATH + (parameters.length() == 0 ? "" : "?" + parameters);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("url", url);
    body.put("webcal_url", url.replaceFirst("^https?://", "webcal://"));
    body.put("feed", feed);
    ctx.json(body);
  }

  /** For {@link BearerAuthentication}: the key of a {@link #link} opens that one feed. */
  public FeedKeyRoute keyRoute() {
    return new FeedKeyRoute(
        FEED_PATH, FeedQuery.KEY, ctx -> FeedNames.of(QUERY.parse(ctx.queryParamMap())));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  public void serve(Context ctx) {
    CalendarFeed feed = feeds.findOrCreate(QUERY.parse(ctx.queryParamMap()));
    feeds.markRequested(feed);
    String name = feed.getMetadata().getName();
    // Neither the wait nor the database read holds one of Jetty's threads.
    CompletableFuture<Void> served =
        feeds
            .whenServable(name, FIRST_CALENDAR_WAIT)
            .thenCompose(
                servable ->
                    database.submit(
                        () -> send(ctx, servable.orElseThrow(FeedController::stillBeingMade))));
    ctx.future(() -> served);
  }

  private void send(Context ctx, CalendarFeed feed) {
    CalendarFeedStatus status = feed.getStatus();
    Optional<String> failure = FeedStore.firstExportFailure(status);
    if (status.getCurrentExport() == null) {
      throw ApiError.retryLater(
          503,
          "The feed's calendar could not be made: " + failure.orElse("unknown reason"),
          RETRY_AFTER_SECONDS);
    }
    CalendarExport current =
        exports.find(status.getCurrentExport()).orElseThrow(FeedController::beingReplaced);
    UUID uid = UUID.fromString(current.getMetadata().getUid());
    StoredCalendar calendar = results.find(uid).orElseThrow(FeedController::beingReplaced);
    Instant modified = Instant.parse(status.getLastUpdateTime());
    ctx.header(Header.ETAG, "\"" + calendar.sha256() + "\"");
    ctx.header(Header.LAST_MODIFIED, HTTP_DATE.format(modified));
    ctx.header(Header.CACHE_CONTROL, "no-cache");
    if (notModified(ctx, calendar, modified)) {
      ctx.status(HttpStatus.NOT_MODIFIED);
      return;
    }
    ctx.contentType(ResultLocation.CONTENT_TYPE);
    ctx.header(
        Header.CONTENT_DISPOSITION,
        "inline; filename=\"" + feed.getMetadata().getName() + ".ics\"");
    if (ctx.method() != HandlerType.HEAD) {
      results.copyTo(uid, ctx.outputStream());
    }
  }

  private static ApiError stillBeingMade() {
    return ApiError.retryLater(
        503, "The feed's first calendar is still being made", RETRY_AFTER_SECONDS);
  }

  /** The operator deleted the served export a moment before the cache learnt of its successor. */
  private static ApiError beingReplaced() {
    return ApiError.retryLater(503, "The feed's calendar is being replaced", RETRY_AFTER_SECONDS);
  }

  /** RFC 9110 §13.2.2: If-None-Match decides when present; If-Modified-Since only without it. */
  private static boolean notModified(Context ctx, StoredCalendar calendar, Instant modified) {
    String ifNoneMatch = ctx.header(Header.IF_NONE_MATCH);
    if (ifNoneMatch != null) {
      return EntityTags.matches(ifNoneMatch, calendar.sha256());
    }
    String ifModifiedSince = ctx.header(Header.IF_MODIFIED_SINCE);
    if (ifModifiedSince == null) {
      return false;
    }
    try {
      Instant since = DateTimeFormatter.RFC_1123_DATE_TIME.parse(ifModifiedSince, Instant::from);
      return !modified.isAfter(since);
    } catch (DateTimeParseException e) {
      return false; // an invalid date is ignored
    }
  }
}

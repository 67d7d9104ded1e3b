package io.taskoverflow.api.feed;

import io.taskoverflow.model.feed.CalendarFeedSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One CalendarFeed per set of options, named by a digest of them: every api-server replica and
 * every subscriber of the same URL finds the same feed without asking anyone.
 */
public final class FeedNames {

  private static final int HEX_DIGITS = 20;

  private FeedNames() {}

  public static String of(CalendarFeedSpec spec) {
    // Defaults applied, so "feed.ics" and "feed.ics?component=VEVENT" are one feed.
    String canonical =
        String.join(
            "\n",
            spec.getCalendarName(),
            spec.getComponent().name(),
            String.valueOf(spec.getFilter() == null ? null : spec.getFilter().completed()),
            String.valueOf(spec.getFilter() == null ? null : spec.getFilter().windowDays()));
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return "feed-" + HexFormat.of().formatHex(digest).substring(0, HEX_DIGITS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}

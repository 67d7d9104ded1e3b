package io.taskoverflow.model.job;

import java.util.UUID;

/** Names where a calendar is stored: {@code postgresql:calendar_results/<export uid>}. */
public final class ResultLocation {

  public static final String CONTENT_TYPE = "text/calendar; charset=utf-8";

  private static final String PREFIX = "postgresql:calendar_results/";

  private ResultLocation() {}

  public static String of(UUID exportUid) {
    return PREFIX + exportUid;
  }

  /** The export uid a location names. */
  public static UUID exportUid(String location) {
    if (location == null || !location.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a calendar location: " + location);
    }
    return UUID.fromString(location.substring(PREFIX.length()));
  }
}

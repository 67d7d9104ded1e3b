package io.taskoverflow.calendars;

/** The summary row of a stored calendar, as the api-server serves it. */
public record StoredCalendar(String contentType, long sizeBytes, String sha256, int events) {}

package io.taskoverflow.api.export;

/** The summary row of a stored calendar. */
public record StoredCalendar(String contentType, long sizeBytes, String sha256, int events) {}

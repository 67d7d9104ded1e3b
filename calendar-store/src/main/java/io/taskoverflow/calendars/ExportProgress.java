package io.taskoverflow.calendars;

/**
 * How far a running generator has got: todos handled (each became a component or was skipped) out
 * of {@code total}, the todos the export covers, or null while that is unknown.
 */
public record ExportProgress(long written, Long total) {}

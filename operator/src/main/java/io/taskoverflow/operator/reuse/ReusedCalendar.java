package io.taskoverflow.operator.reuse;

import java.util.UUID;

/** A stored calendar copied under a new export: where it came from and what it holds. */
public record ReusedCalendar(
    String sourceExportName,
    UUID sourceExportUid,
    long todoRevision,
    String contentType,
    long sizeBytes,
    String sha256,
    int events,
    int skipped) {}

package io.taskoverflow.operator.job;

import io.taskoverflow.model.spec.CalendarExportSpec;

/**
 * The operator's defaults and maxima for a Job's limits. A resource may ask for its own values, but
 * never beyond the maxima: the operator, not each user, decides how much a cluster may spend.
 */
public record ExportLimits(
    int backoffLimit,
    int maxBackoffLimit,
    long activeDeadlineSeconds,
    long maxActiveDeadlineSeconds,
    long ttlSeconds,
    long maxTtlSeconds) {

  public int backoffLimitFor(CalendarExportSpec spec) {
    int wanted = spec.getBackoffLimit() == null ? backoffLimit : spec.getBackoffLimit();
    return Math.min(Math.max(wanted, 0), maxBackoffLimit);
  }

  public long activeDeadlineSecondsFor(CalendarExportSpec spec) {
    long wanted =
        spec.getActiveDeadlineSeconds() == null
            ? activeDeadlineSeconds
            : spec.getActiveDeadlineSeconds();
    return Math.min(Math.max(wanted, 1), maxActiveDeadlineSeconds);
  }

  /** How long a finished export (and its calendar) is kept. */
  public long ttlSecondsFor(CalendarExportSpec spec) {
    long wanted =
        spec.getTtlSecondsAfterFinished() == null ? ttlSeconds : spec.getTtlSecondsAfterFinished();
    return Math.min(Math.max(wanted, 0), maxTtlSeconds);
  }
}

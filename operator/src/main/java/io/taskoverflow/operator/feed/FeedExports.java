package io.taskoverflow.operator.feed;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.feed.CalendarFeed;
import io.taskoverflow.model.job.ExportLabels;
import io.taskoverflow.model.spec.CalendarExportSpec;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;

/** The CalendarExports a feed makes: its options, owned by it, kept until superseded. */
final class FeedExports {

  /** Oldest first, by when they were asked for. */
  static final Comparator<CalendarExport> BY_REQUEST =
      Comparator.comparing(CalendarExport::requestedAt)
          .thenComparing(export -> export.getMetadata().getName());

  private FeedExports() {}

  /**
   * One name per todo revision (and, for a window filter, per refresh period): a reconciliation
   * that runs again before the informer has seen its export finds the name taken instead of making
   * a second one.
   */
  static String name(CalendarFeed feed, long revision, Long windowPeriod) {
    return feed.getMetadata().getName()
        + "-"
        + revision
        + (windowPeriod == null ? "" : "-w" + windowPeriod);
  }

  /**
   * @param ttlSeconds the longest the operator allows: the feed deletes superseded exports itself,
   *     and the current one must outlive long quiet spells
   */
  static CalendarExport of(CalendarFeed feed, String name, int ttlSeconds, Instant now) {
    CalendarExportSpec spec = feed.getSpec().toExportSpec();
    spec.setTtlSecondsAfterFinished(ttlSeconds);
    CalendarExport export = new CalendarExport();
    export.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace(feed.getMetadata().getNamespace())
            // The uid, not the name: a label value holds at most 63 characters.
            .addToLabels(CalendarFeed.FEED_LABEL, feed.getMetadata().getUid())
            .addToLabels(ExportLabels.MANAGED_BY, ExportLabels.OPERATOR_NAME)
            .addToAnnotations(CalendarExport.REQUESTED_AT, now.toString())
            .withOwnerReferences(
                new OwnerReferenceBuilder()
                    .withApiVersion(feed.getApiVersion())
                    .withKind(feed.getKind())
                    .withName(feed.getMetadata().getName())
                    .withUid(feed.getMetadata().getUid())
                    .withController(true)
                    .withBlockOwnerDeletion(true)
                    .build())
            .build());
    export.setSpec(spec);
    return export;
  }

  static Instant parse(String timestamp) {
    if (timestamp == null) {
      return Instant.EPOCH;
    }
    try {
      return Instant.parse(timestamp);
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }
}

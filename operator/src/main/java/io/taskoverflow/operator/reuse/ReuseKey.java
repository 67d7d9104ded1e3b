package io.taskoverflow.operator.reuse;

import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.spec.CalendarExportSpec;
import java.util.Optional;

/**
 * Everything besides the todos that shapes a calendar's bytes: the options the generator gets and
 * the image it runs. Two exports with the same key over the same todo revision get the same
 * calendar but for DTSTAMP.
 *
 * @param completed null exports completed and open todos alike
 */
public record ReuseKey(
    String calendarName, String component, Boolean completed, String generatorImage) {

  /**
   * The export's key, or empty when it may not reuse: a window ("due within N days of now") picks
   * other rows as time passes while the revision stays the same, so it always runs.
   */
  public static Optional<ReuseKey> of(CalendarExport export, String generatorImage) {
    CalendarExportSpec spec = export.getSpec();
    if (spec == null || spec.getComponent() == null || generatorImage == null) {
      return Optional.empty();
    }
    if (spec.getFilter() != null && spec.getFilter().windowDays() != null) {
      return Optional.empty();
    }
    return Optional.of(
        new ReuseKey(
            spec.getCalendarName(),
            spec.getComponent().name(),
            spec.getFilter() == null ? null : spec.getFilter().completed(),
            generatorImage));
  }
}

package io.taskoverflow.model.feed;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;
import io.taskoverflow.model.spec.CalendarExportSpec;
import io.taskoverflow.model.spec.ExportFilter;
import io.taskoverflow.model.spec.ExportOptions;

/** The options of every calendar the feed serves: those of a CalendarExport, minus the limits. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self == oldSelf", message = "a feed's options are immutable")
public class CalendarFeedSpec extends ExportOptions {

  public CalendarFeedSpec() {}

  /** The options of an export, as a feed of them. */
  public static CalendarFeedSpec of(CalendarExportSpec export) {
    CalendarFeedSpec spec = new CalendarFeedSpec();
    spec.copyOptionsFrom(export);
    return spec;
  }

  /** An export with the feed's options. */
  public CalendarExportSpec toExportSpec() {
    CalendarExportSpec export = new CalendarExportSpec();
    export.copyOptionsFrom(this);
    return export;
  }

  /** Overridden only to describe the filter in the feed's CRD in a feed's terms. */
  @Override
  @JsonPropertyDescription("Which todos the calendar shows; all of them when absent.")
  public ExportFilter getFilter() {
    return super.getFilter();
  }

  /** A feed is its options: equal options, one feed (see FeedNames in the api-server). */
  @Override
  public boolean equals(Object o) {
    return o instanceof CalendarFeedSpec other && sameOptions(other);
  }

  @Override
  public int hashCode() {
    return optionsHashCode();
  }
}

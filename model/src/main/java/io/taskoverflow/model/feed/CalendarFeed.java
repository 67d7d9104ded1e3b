package io.taskoverflow.model.feed;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import io.taskoverflow.model.CalendarExport;
import java.util.Map;

/**
 * A subscribable calendar: one set of export options whose calendar is kept current. The operator
 * makes a CalendarExport (owned by the feed) whenever the todos have changed and settled; the
 * api-server serves the newest one that succeeded.
 */
@Group(CalendarExport.GROUP)
@Version(CalendarExport.VERSION)
@Plural(CalendarFeed.PLURAL)
@ShortNames("calfeed")
@AdditionalPrinterColumn(name = "Current", jsonPath = ".status.currentExport")
@AdditionalPrinterColumn(
    name = "Revision",
    jsonPath = ".status.todoRevision",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Updating", jsonPath = ".status.pendingExport")
@AdditionalPrinterColumn(
    name = "Requested",
    jsonPath = ".status.lastRequestTime",
    type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class CalendarFeed extends CustomResource<CalendarFeedSpec, CalendarFeedStatus>
    implements Namespaced {

  public static final String PLURAL = "calendarfeeds";
  public static final String CRD_NAME = PLURAL + "." + CalendarExport.GROUP;

  /**
   * When a client last fetched the feed (RFC 3339), written by the api-server at most about once a
   * minute. A feed nobody fetched for a while is not regenerated.
   */
  public static final String LAST_REQUESTED = "taskoverflow.io/last-requested-at";

  /** On the feed's exports: the feed they were made for. */
  public static final String FEED_LABEL = "taskoverflow.io/feed";

  /**
   * Whether a feed made this export, rather than a user: the operator bounds those on their own, so
   * they do not count against the exports users may have in flight.
   */
  public static boolean madeForAFeed(CalendarExport export) {
    Map<String, String> labels = export.getMetadata().getLabels();
    return labels != null && labels.containsKey(FEED_LABEL);
  }

  @Override
  @JsonPropertyDescription("The export options of the feed's calendars. Immutable.")
  public CalendarFeedSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription("What the operator observed; written only by the operator.")
  public CalendarFeedStatus getStatus() {
    return super.getStatus();
  }

  @Override
  protected CalendarFeedSpec initSpec() {
    return new CalendarFeedSpec();
  }
}

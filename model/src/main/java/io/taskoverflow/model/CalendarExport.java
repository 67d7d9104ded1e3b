package io.taskoverflow.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import io.taskoverflow.model.spec.CalendarExportSpec;
import io.taskoverflow.model.status.CalendarExportStatus;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** A request to turn the todos into an iCalendar file; reconciled into one generator Job. */
@Group(CalendarExport.GROUP)
@Version(CalendarExport.VERSION)
@Plural(CalendarExport.PLURAL)
@ShortNames("calx")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase")
@AdditionalPrinterColumn(
    name = "Events",
    jsonPath = ".status.result.events",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class CalendarExport extends CustomResource<CalendarExportSpec, CalendarExportStatus>
    implements Namespaced {

  public static final String GROUP = "taskoverflow.io";
  public static final String VERSION = "v1";
  public static final String PLURAL = "calendarexports";
  public static final String CRD_NAME = PLURAL + "." + GROUP;

  /** When the export was asked for, to the millisecond; creationTimestamp has whole seconds. */
  public static final String REQUESTED_AT = "taskoverflow.io/requested-at";

  @Override
  @JsonPropertyDescription("What to export. Immutable after creation, except spec.cancelled.")
  public CalendarExportSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription("What the operator observed; written only by the operator.")
  public CalendarExportStatus getStatus() {
    return super.getStatus();
  }

  /**
   * When the export was asked for: its {@link #REQUESTED_AT} annotation, else its
   * creationTimestamp, else (neither readable) the epoch. Orders exports the way they came.
   */
  public Instant requestedAt() {
    Map<String, String> annotations = getMetadata().getAnnotations();
    String annotated = annotations == null ? null : annotations.get(REQUESTED_AT);
    for (String candidate : new String[] {annotated, getMetadata().getCreationTimestamp()}) {
      if (candidate != null) {
        try {
          return Instant.parse(candidate);
        } catch (DateTimeParseException e) {
          // fall through to the next source
        }
      }
    }
    return Instant.EPOCH;
  }

  @Override
  protected CalendarExportSpec initSpec() {
    return new CalendarExportSpec();
  }
}

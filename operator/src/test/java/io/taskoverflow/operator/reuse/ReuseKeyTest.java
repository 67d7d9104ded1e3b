package io.taskoverflow.operator.reuse;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.spec.CalendarComponent;
import io.taskoverflow.model.spec.CalendarExportSpec;
import io.taskoverflow.model.spec.ExportFilter;
import org.junit.jupiter.api.Test;

class ReuseKeyTest {

  @Test
  void theKeyHoldsTheOptionsThatShapeTheBytesAndTheImage() {
    CalendarExportSpec spec = new CalendarExportSpec();
    spec.setCalendarName("Work");
    spec.setComponent(CalendarComponent.VTODO);
    spec.setFilter(new ExportFilter(false, null));

    assertThat(ReuseKey.of(export(spec), "generator:1"))
        .contains(new ReuseKey("Work", "VTODO", false, "generator:1"));
  }

  @Test
  void withoutAFilterCompletedIsNull() {
    assertThat(ReuseKey.of(export(new CalendarExportSpec()), "generator:1"))
        .contains(new ReuseKey("TaskOverflow", "VEVENT", null, "generator:1"));
  }

  @Test
  void aWindowedExportIsNeverReusedSinceItsRowsDependOnTheTime() {
    CalendarExportSpec spec = new CalendarExportSpec();
    spec.setFilter(new ExportFilter(null, 7));

    assertThat(ReuseKey.of(export(spec), "generator:1")).isEmpty();
  }

  @Test
  void theLimitsDoNotChangeTheKey() {
    CalendarExportSpec spec = new CalendarExportSpec();
    spec.setBackoffLimit(1);
    spec.setActiveDeadlineSeconds(5L);
    spec.setTtlSecondsAfterFinished(60);

    assertThat(ReuseKey.of(export(spec), "generator:1"))
        .isEqualTo(ReuseKey.of(export(new CalendarExportSpec()), "generator:1"));
  }

  private static CalendarExport export(CalendarExportSpec spec) {
    CalendarExport export = new CalendarExport();
    export.setMetadata(new ObjectMetaBuilder().withName("weekly").withUid("u").build());
    export.setSpec(spec);
    return export;
  }
}

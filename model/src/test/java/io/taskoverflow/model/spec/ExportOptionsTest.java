package io.taskoverflow.model.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoverflow.model.feed.CalendarFeedSpec;
import org.junit.jupiter.api.Test;

class ExportOptionsTest {

  @Test
  void aFeedTakesTheOptionsOfAnExportAndLeavesItsLimitsBehind() {
    CalendarExportSpec export = export("Work", new ExportFilter(false, 7), CalendarComponent.VTODO);
    export.setCancelled(true);
    export.setBackoffLimit(2);
    export.setActiveDeadlineSeconds(60L);
    export.setTtlSecondsAfterFinished(30);

    CalendarExportSpec again = CalendarFeedSpec.of(export).toExportSpec();

    assertThat(again)
        .usingRecursiveComparison()
        .isEqualTo(export("Work", new ExportFilter(false, 7), CalendarComponent.VTODO));
  }

  @Test
  void copyingTakesAbsentOptionsToo() {
    CalendarExportSpec target = export("Work", new ExportFilter(true, 1), CalendarComponent.VTODO);
    CalendarFeedSpec absent = new CalendarFeedSpec();
    absent.setCalendarName(null);
    absent.setComponent(null);

    target.copyOptionsFrom(absent);

    assertThat(target)
        .extracting(
            ExportOptions::getCalendarName, ExportOptions::getFilter, ExportOptions::getComponent)
        .containsOnlyNulls();
  }

  @Test
  void feedsWithTheSameOptionsAreEqual() {
    CalendarFeedSpec feed = feed("Work", new ExportFilter(false, 7), CalendarComponent.VTODO);
    CalendarFeedSpec same = feed("Work", new ExportFilter(false, 7), CalendarComponent.VTODO);

    assertThat(feed).isEqualTo(same).hasSameHashCodeAs(same);
    assertThat(new CalendarFeedSpec()).isEqualTo(new CalendarFeedSpec());
  }

  @Test
  void feedsDifferingInAnyOptionAreNot() {
    CalendarFeedSpec feed = feed("Work", new ExportFilter(false, 7), CalendarComponent.VTODO);

    assertThat(feed)
        .isNotEqualTo(feed("Home", new ExportFilter(false, 7), CalendarComponent.VTODO))
        .isNotEqualTo(feed("Work", new ExportFilter(false, 8), CalendarComponent.VTODO))
        .isNotEqualTo(feed("Work", null, CalendarComponent.VTODO))
        .isNotEqualTo(feed("Work", new ExportFilter(false, 7), CalendarComponent.VEVENT));
  }

  @Test
  void aFeedIsNotEqualToAnExportWithItsOptions() {
    CalendarFeedSpec feed = new CalendarFeedSpec();

    assertThat(feed).isNotEqualTo(feed.toExportSpec());
  }

  @Test
  void exportSpecsKeepTheirIdentityEquality() {
    // Only the feed's spec is its options; two exports are two requests, even with equal specs.
    assertThat(new CalendarExportSpec()).isNotEqualTo(new CalendarExportSpec());
  }

  private static CalendarFeedSpec feed(
      String calendarName, ExportFilter filter, CalendarComponent component) {
    return withOptions(new CalendarFeedSpec(), calendarName, filter, component);
  }

  private static CalendarExportSpec export(
      String calendarName, ExportFilter filter, CalendarComponent component) {
    return withOptions(new CalendarExportSpec(), calendarName, filter, component);
  }

  private static <T extends ExportOptions> T withOptions(
      T spec, String calendarName, ExportFilter filter, CalendarComponent component) {
    spec.setCalendarName(calendarName);
    spec.setFilter(filter);
    spec.setComponent(component);
    return spec;
  }
}

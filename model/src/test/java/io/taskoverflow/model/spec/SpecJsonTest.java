package io.taskoverflow.model.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.taskoverflow.model.feed.CalendarFeedSpec;
import org.junit.jupiter.api.Test;

/** The JSON the api-server writes and the operator reads; the property names are the contract. */
class SpecJsonTest {

  private final KubernetesSerialization json = new KubernetesSerialization();

  @Test
  void exportSpecWritesItsDefaultsAndOmitsAbsentOptions() {
    assertThat(json.asJson(new CalendarExportSpec()))
        .isEqualTo(
            "{\"calendarName\":\"TaskOverflow\",\"component\":\"VEVENT\",\"cancelled\":false}");
  }

  @Test
  void exportSpecWritesEveryField() {
    CalendarExportSpec spec = new CalendarExportSpec();
    spec.setCalendarName("Work");
    spec.setFilter(new ExportFilter(false, 7));
    spec.setComponent(CalendarComponent.VTODO);
    spec.setCancelled(true);
    spec.setBackoffLimit(2);
    spec.setActiveDeadlineSeconds(60L);
    spec.setTtlSecondsAfterFinished(30);

    String written = json.asJson(spec);

    assertThat(written)
        .isEqualTo(
            "{\"calendarName\":\"Work\",\"filter\":{\"completed\":false,\"windowDays\":7},"
                + "\"component\":\"VTODO\",\"cancelled\":true,\"backoffLimit\":2,"
                + "\"activeDeadlineSeconds\":60,\"ttlSecondsAfterFinished\":30}");
    assertThat(json.unmarshal(written, CalendarExportSpec.class))
        .usingRecursiveComparison()
        .isEqualTo(spec);
  }

  @Test
  void feedSpecWritesItsDefaultsAndOmitsAbsentOptions() {
    assertThat(json.asJson(new CalendarFeedSpec()))
        .isEqualTo("{\"calendarName\":\"TaskOverflow\",\"component\":\"VEVENT\"}");
  }

  @Test
  void feedSpecWritesEveryField() {
    CalendarFeedSpec spec = new CalendarFeedSpec();
    spec.setCalendarName("Work");
    spec.setFilter(new ExportFilter(true, null));
    spec.setComponent(CalendarComponent.VTODO);

    String written = json.asJson(spec);

    assertThat(written)
        .isEqualTo(
            "{\"calendarName\":\"Work\",\"filter\":{\"completed\":true},\"component\":\"VTODO\"}");
    assertThat(json.unmarshal(written, CalendarFeedSpec.class)).isEqualTo(spec);
  }
}

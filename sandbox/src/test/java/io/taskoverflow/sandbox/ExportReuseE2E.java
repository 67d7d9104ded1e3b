package io.taskoverflow.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.status.CalendarExportStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An export over unchanged todos takes the last calendar without a Job; a change runs one again.
 */
class ExportReuseE2E {

  @RegisterExtension static final CleanSandbox e2e = new CleanSandbox();

  private static final String OPTIONS = "{\"calendar_name\":\"Reuse\",\"component\":\"VTODO\"}";

  @Test
  void unchangedTodosReuseTheCalendarWithoutAJobAndAChangeRunsOneAgain() {
    e2e.api().createTodo("Renew the passport", "Photos first", "2026-09-01T09:00:00");
    e2e.api().createTodo("Someday", null, null);

    String fresh = finished(e2e.api().startExport(OPTIONS));
    String reused = finished(e2e.api().startExport(OPTIONS));

    assertThat(job(fresh)).as("the first export's Job").isNotNull();
    assertThat(job(reused)).as("a Job for the repeated export").isNull();
    assertThat(e2e.api().status(fresh).json().get("reused_from").isNull()).isTrue();
    assertThat(e2e.api().status(reused).json().get("reused_from").asText()).isEqualTo(fresh);
    assertThat(export(reused).getStatus().getConditions())
        .anySatisfy(
            condition -> {
              assertThat(condition.getType()).isEqualTo(CalendarExportStatus.SUCCEEDED_CONDITION);
              assertThat(condition.getReason()).isEqualTo(CalendarExportStatus.REUSED_REASON);
            });
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(events(reused))
                    .extracting(Event::getReason)
                    .contains(CalendarExportStatus.REUSED_REASON));
    assertThat(withoutDtstamp(e2e.api().result(reused).body()))
        .isEqualTo(withoutDtstamp(e2e.api().result(fresh).body()))
        .contains("SUMMARY:Renew the passport");

    e2e.api().createTodo("Book the flights", null, "2026-09-10T09:00:00");
    String afterChange = finished(e2e.api().startExport(OPTIONS));

    assertThat(job(afterChange)).as("a Job after the todos changed").isNotNull();
    assertThat(e2e.api().status(afterChange).json().get("reused_from").isNull()).isTrue();
    assertThat(e2e.api().result(afterChange).body()).contains("SUMMARY:Book the flights");
  }

  private static String finished(String taskId) {
    await()
        .atMost(Duration.ofSeconds(90))
        .until(() -> e2e.api().taskStatus(taskId).equals("SUCCESS"));
    return taskId;
  }

  private static Object job(String taskId) {
    return e2e.sandbox()
        .client()
        .batch()
        .v1()
        .jobs()
        .inNamespace(Sandbox.NAMESPACE)
        .withName(taskId)
        .get();
  }

  private static CalendarExport export(String taskId) {
    return e2e.sandbox()
        .client()
        .resources(CalendarExport.class)
        .inNamespace(Sandbox.NAMESPACE)
        .withName(taskId)
        .get();
  }

  private static List<Event> events(String taskId) {
    return e2e.sandbox()
        .client()
        .v1()
        .events()
        .inNamespace(Sandbox.NAMESPACE)
        .withField("involvedObject.name", taskId)
        .list()
        .getItems();
  }

  /** DTSTAMP is when the calendar was made: the one line a reused calendar may differ in. */
  private static String withoutDtstamp(String calendar) {
    return calendar.replaceAll("DTSTAMP:[0-9TZ]+\r\n", "");
  }
}

package io.taskoverflow.api.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.status.CalendarExportStatus;
import io.taskoverflow.model.status.ExportPhase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaskStatusTest {

  @Test
  void anExportWithoutStatusIsPending() {
    assertThat(TaskStatus.of(new CalendarExport())).isEqualTo(TaskStatus.PENDING);
    CalendarExport noPhase = new CalendarExport();
    noPhase.setStatus(new CalendarExportStatus());
    assertThat(TaskStatus.of(noPhase)).isEqualTo(TaskStatus.PENDING);
  }

  @ParameterizedTest
  @CsvSource({
    "PENDING, PENDING",
    "RUNNING, STARTED",
    "RETRYING, RETRY",
    "SUCCEEDED, SUCCESS",
    "FAILED, FAILURE",
    "CANCELLED, REVOKED"
  })
  void everyPhaseMapsToTheCeleryStatusClientsKnow(ExportPhase phase, TaskStatus expected) {
    CalendarExport export = new CalendarExport();
    export.setStatus(new CalendarExportStatus());
    export.getStatus().setPhase(phase);
    assertThat(TaskStatus.of(export)).isEqualTo(expected);
  }
}

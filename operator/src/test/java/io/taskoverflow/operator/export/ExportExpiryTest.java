package io.taskoverflow.operator.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.spec.CalendarExportSpec;
import io.taskoverflow.model.status.CalendarExportStatus;
import io.taskoverflow.operator.job.ExportLimits;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExportExpiryTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private final ExportExpiry expiry =
      new ExportExpiry(new ExportLimits(3, 10, 600, 3600, 86400, 604800));

  @Test
  void aFinishedExportLivesForTheOperatorsDefaultTtlAfterCompletion() {
    assertThat(expiry.remaining(export(null), finishedAt("2026-03-01T11:00:00Z"), NOW))
        .isEqualTo(Duration.ofHours(23));
  }

  @Test
  void anExportsOwnTtlWinsWithinTheMaximum() {
    assertThat(expiry.remaining(export(60), finishedAt("2026-03-01T11:59:30Z"), NOW))
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(expiry.remaining(export(2592000), finishedAt("2026-03-01T12:00:00Z"), NOW))
        .isEqualTo(Duration.ofDays(7));
  }

  @Test
  void anExportPastItsTtlHasNoTimeLeft() {
    assertThat(expiry.remaining(export(10), finishedAt("2026-03-01T11:00:00Z"), NOW)).isNegative();
  }

  private static CalendarExport export(Integer ttl) {
    CalendarExport export = new CalendarExport();
    CalendarExportSpec spec = new CalendarExportSpec();
    spec.setTtlSecondsAfterFinished(ttl);
    export.setSpec(spec);
    return export;
  }

  private static CalendarExportStatus finishedAt(String completionTime) {
    CalendarExportStatus status = new CalendarExportStatus();
    status.setCompletionTime(completionTime);
    return status;
  }
}

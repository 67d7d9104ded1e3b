package io.taskoverflow.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RequestedAtTest {

  @Test
  void theMillisecondAnnotationComesFirstThenTheCreationTimestampThenTheEpoch() {
    assertThat(export("2026-12-02T10:00:00.123Z", "2026-12-02T10:00:00Z").requestedAt())
        .isEqualTo(Instant.parse("2026-12-02T10:00:00.123Z"));
    assertThat(export("not a time", "2026-12-02T10:00:00Z").requestedAt())
        .isEqualTo(Instant.parse("2026-12-02T10:00:00Z"));
    assertThat(export(null, "2026-12-02T10:00:00Z").requestedAt())
        .isEqualTo(Instant.parse("2026-12-02T10:00:00Z"));
    assertThat(export(null, null).requestedAt()).isEqualTo(Instant.EPOCH);
  }

  private static CalendarExport export(String requestedAt, String created) {
    CalendarExport export = new CalendarExport();
    ObjectMetaBuilder metadata =
        new ObjectMetaBuilder().withName("x").withCreationTimestamp(created);
    if (requestedAt != null) {
      metadata.addToAnnotations(CalendarExport.REQUESTED_AT, requestedAt);
    }
    export.setMetadata(metadata.build());
    return export;
  }
}

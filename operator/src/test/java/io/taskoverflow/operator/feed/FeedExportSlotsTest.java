package io.taskoverflow.operator.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.status.CalendarExportStatus;
import io.taskoverflow.model.status.ExportPhase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedExportSlotsTest {

  private Instant now = Instant.parse("2026-12-02T10:00:00Z");
  private final Clock clock =
      new Clock() {
        @Override
        public Instant instant() {
          return now;
        }

        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }
      };
  private final FeedExportSlots slots = new FeedExportSlots(2, clock);
  private final List<CalendarExport> cache = new ArrayList<>();

  @Test
  void creationsTheCacheHasNotShownYetHoldTheirSlots() {
    assertThat(slots.tryTake("ns", "a-1", cache)).isTrue();
    assertThat(slots.tryTake("ns", "b-1", cache)).isTrue();

    assertThat(slots.tryTake("ns", "c-1", cache)).isFalse();
  }

  @Test
  void anExportIsCountedOnceWhenTheCacheShowsIt() {
    slots.tryTake("ns", "a-1", cache);
    cache.add(export("a-1", null));

    assertThat(slots.tryTake("ns", "b-1", cache)).isTrue();
    assertThat(slots.tryTake("ns", "c-1", cache)).isFalse();
  }

  @Test
  void aFinishedExportFreesItsSlot() {
    cache.add(export("a-1", ExportPhase.RUNNING));
    cache.add(export("b-1", ExportPhase.PENDING));
    assertThat(slots.tryTake("ns", "c-1", cache)).isFalse();

    cache.set(0, export("a-1", ExportPhase.FAILED));

    assertThat(slots.tryTake("ns", "c-1", cache)).isTrue();
  }

  @Test
  void aCreationThatFailedOrWasNeverSeenGivesItsSlotBack() {
    slots.tryTake("ns", "a-1", cache);
    slots.tryTake("ns", "b-1", cache);

    slots.release("ns", "a-1");
    assertThat(slots.tryTake("ns", "c-1", cache)).isTrue();

    now = now.plus(Duration.ofMinutes(1));
    assertThat(slots.tryTake("ns", "d-1", cache)).isTrue();
  }

  private static CalendarExport export(String name, ExportPhase phase) {
    CalendarExport export = new CalendarExport();
    export.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("ns").build());
    if (phase != null) {
      CalendarExportStatus status = new CalendarExportStatus();
      status.setPhase(phase);
      export.setStatus(status);
    }
    return export;
  }
}

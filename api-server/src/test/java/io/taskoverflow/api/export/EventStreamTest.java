package io.taskoverflow.api.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.status.CalendarExportStatus;
import io.taskoverflow.model.status.ExportPhase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@link EventStream} on its own: a hand-driven clock, the work done on the caller's thread. */
class EventStreamTest {

  private static final long KEEP_ALIVE = 15;

  private final AtomicLong clock = new AtomicLong();
  private final AtomicReference<CalendarExport> export = new AtomicReference<>(export(null));
  private final AtomicReference<String> progress = new AtomicReference<>("null");
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @Test
  void anIdleStreamGetsAKeepAliveCommentOnlyOnceTheIntervalHasPassed() {
    EventStream stream = stream(out);
    stream.changed();

    clock.set(KEEP_ALIVE - 1);
    stream.tick();
    assertThat(written()).doesNotContain(": keep-alive");

    clock.set(KEEP_ALIVE);
    stream.tick();
    assertThat(written()).endsWith("\n\n: keep-alive\n\n");
    assertThat(stream.ended()).isNotDone();
  }

  @Test
  void aStartedExportIsLookedAtOnEachTickAndOnlyAChangeIsSent() {
    EventStream stream = stream(out);
    export.set(export(ExportPhase.RUNNING));
    stream.changed();

    stream.tick(); // nothing new
    progress.set("{\"written\":5}");
    stream.tick();

    assertThat(written())
        .isEqualTo(
            "event: status\nid: 1\ndata: {\"task_status\":\"STARTED\",\"progress\":null}\n\n"
                + "event: status\nid: 2\ndata: {\"task_status\":\"STARTED\","
                + "\"progress\":{\"written\":5}}\n\n");
  }

  @Test
  void aPendingExportIsNotLookedAtOnTicks() {
    EventStream stream = stream(out);
    stream.changed();
    progress.set("{\"written\":5}"); // would show, were it looked at

    stream.tick();

    assertThat(written()).containsOnlyOnce("event: status");
  }

  @Test
  void theStreamEndsAfterTheEventOfAFinalStateOrWhenTheExportIsGone() {
    EventStream finished = stream(out);
    export.set(export(ExportPhase.CANCELLED));
    finished.changed();
    assertThat(finished.ended()).isDone();
    assertThat(written()).contains("REVOKED");

    EventStream deleted = stream(new ByteArrayOutputStream());
    export.set(null);
    deleted.changed();
    assertThat(deleted.ended()).isDone();
  }

  @Test
  void aClientThatWentAwayEndsTheStreamAtTheNextWrite() {
    EventStream stream =
        stream(
            new OutputStream() {
              @Override
              public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
              }
            });

    stream.changed();

    assertThat(stream.ended()).isDone();
  }

  private EventStream stream(OutputStream to) {
    return new EventStream(
        "weekly",
        () -> Optional.ofNullable(export.get()),
        current ->
            "{\"task_status\":\"%s\",\"progress\":%s}"
                .formatted(TaskStatus.of(current), progress.get()),
        to,
        Runnable::run,
        clock::get,
        KEEP_ALIVE);
  }

  private String written() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private static CalendarExport export(ExportPhase phase) {
    CalendarExport export = new CalendarExport();
    export.setMetadata(new ObjectMetaBuilder().withName("weekly").build());
    if (phase != null) {
      CalendarExportStatus status = new CalendarExportStatus();
      status.setPhase(phase);
      export.setStatus(status);
    }
    return export;
  }
}

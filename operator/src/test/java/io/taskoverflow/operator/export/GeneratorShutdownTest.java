package io.taskoverflow.operator.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.taskoverflow.model.CalendarExport;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The cases where no Job is deleted, so no client is needed. */
class GeneratorShutdownTest {

  private static final Instant DELETED = Instant.parse("2026-03-01T12:00:00Z");
  private static final Instant SOON_AFTER = DELETED.plusSeconds(10);

  private final GeneratorShutdown shutdown = new GeneratorShutdown();
  private final CalendarExport export = deletedExport();

  @Test
  void anExportWithoutPodsNeedNotWait() {
    assertThat(shutdown.mustWait(export, Optional.empty(), List.of(), null, SOON_AFTER)).isFalse();
  }

  @Test
  void finishedPodsCannotStoreAnythingAnyMore() {
    List<Pod> pods = List.of(pod("Succeeded", "job-uid"), pod("Failed", "job-uid"));

    assertThat(shutdown.mustWait(export, Optional.empty(), pods, null, SOON_AFTER)).isFalse();
  }

  @Test
  void aPendingOrRunningPodIsWaitedForEvenOnceItsJobIsGone() {
    assertThat(
            shutdown.mustWait(
                export, Optional.empty(), List.of(pod("Running", "job-uid")), null, SOON_AFTER))
        .isTrue();
    assertThat(
            shutdown.mustWait(
                export, Optional.empty(), List.of(pod("Pending", "job-uid")), null, SOON_AFTER))
        .isTrue();
  }

  @Test
  void podsOfAJobThatOnlySharesTheNameAreNotTheExportsToWaitFor() {
    Job foreign = job("foreign-job-uid", UUID.randomUUID().toString());

    assertThat(
            shutdown.mustWait(
                export,
                Optional.of(foreign),
                List.of(pod("Running", "foreign-job-uid")),
                null,
                SOON_AFTER))
        .isFalse();
  }

  @Test
  void aPodThatNeverGoesHoldsTheExportOnlyForALimitedTime() {
    Instant later = DELETED.plus(GeneratorShutdown.MAX_WAIT).plusSeconds(1);

    assertThat(
            shutdown.mustWait(
                export, Optional.empty(), List.of(pod("Running", "job-uid")), null, later))
        .isFalse();
  }

  private static CalendarExport deletedExport() {
    CalendarExport export = new CalendarExport();
    export.getMetadata().setName("report");
    export.getMetadata().setNamespace("default");
    export.getMetadata().setUid(UUID.randomUUID().toString());
    export.getMetadata().setDeletionTimestamp(DELETED.toString());
    return export;
  }

  private static Pod pod(String phase, String jobUid) {
    return controlledBy(
        new PodBuilder()
            .withNewMetadata()
            .withName("report-" + phase.toLowerCase())
            .endMetadata()
            .withNewStatus()
            .withPhase(phase)
            .endStatus()
            .build(),
        "Job",
        jobUid);
  }

  private static Job job(String uid, String ownerUid) {
    Job job =
        new JobBuilder().withNewMetadata().withName("report").withUid(uid).endMetadata().build();
    return controlledBy(job, "CalendarExport", ownerUid);
  }

  private static <T extends HasMetadata> T controlledBy(T object, String kind, String uid) {
    object
        .getMetadata()
        .getOwnerReferences()
        .add(
            new io.fabric8.kubernetes.api.model.OwnerReferenceBuilder()
                .withKind(kind)
                .withName("report")
                .withUid(uid)
                .withController(true)
                .build());
    return object;
  }
}

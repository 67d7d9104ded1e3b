package io.taskoverflow.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.job.GeneratorReport;
import io.taskoverflow.model.job.ResultLocation;
import io.taskoverflow.model.spec.CalendarExportSpec;
import io.taskoverflow.model.status.CalendarExportStatus;
import io.taskoverflow.model.status.ExportPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The generator queue on a real control plane: Jobs are created suspended and admitted in the order
 * the exports were asked for, while fewer than MAX_RUNNING_GENERATORS run. The Job controller is
 * Kubernetes' own; {@link TestKubelet} plays the node.
 */
class GeneratorQueueIT {

  private static final String SHA = "b".repeat(64);
  private static final Duration KUBERNETES_REACTS = TestExports.KUBERNETES_REACTS;
  private static final Instant ASKED = Instant.parse("2026-03-01T12:00:00.000Z");

  @RegisterExtension final TestNamespace namespace = new TestNamespace();
  private final TestExports exports = new TestExports(namespace);

  private CalendarExportOperator operator;

  @AfterEach
  void stopOperator() {
    if (operator != null) {
      operator.stop();
    }
  }

  @Test
  void exportsAreAdmittedInTheOrderTheyWereAskedForAsSlotsFree() {
    operator = startOperator(2);
    // Asked for in the order A, B, C, D; their names sort the other way round.
    ask("z-a", 0);
    ask("y-b", 1);
    ask("x-c", 2);
    ask("w-d", 3);

    awaitQueued("x-c");
    awaitQueued("w-d");
    assertThat(suspended("z-a")).isFalse();
    assertThat(suspended("y-b")).isFalse();
    assertThat(suspended("x-c")).isTrue();
    assertThat(suspended("w-d")).isTrue();
    assertThat(kubeletPods("x-c")).isEmpty();
    exports.awaitEvent("w-d", CalendarExportStatus.QUEUED_REASON);
    assertThat(exports.events("w-d", CalendarExportStatus.QUEUED_REASON).get(0).getMessage())
        .contains("1 export ahead", "2 of at most 2 generators running");

    finish("z-a");

    await().atMost(KUBERNETES_REACTS).until(() -> !suspended("x-c"));
    assertThat(suspended("w-d")).isTrue();
    assertThat(exports.status("w-d").getPhase()).isEqualTo(ExportPhase.PENDING);
    Pod third = namespace.kubelet().startNextPod("x-c");
    exports.awaitPhase("x-c", ExportPhase.RUNNING);
    assertThat(third.getMetadata().getName()).startsWith("x-c");
    assertThat(suspended("w-d")).isTrue();
  }

  @Test
  void aRestartedOperatorCountsTheRunningGeneratorsFromTheCluster() {
    operator = startOperator(1);
    ask("first", 0);
    ask("second", 1);
    awaitQueued("second");
    Pod running = namespace.kubelet().startNextPod("first");
    exports.awaitPhase("first", ExportPhase.RUNNING);

    // A new operator while the first generator still runs: the slot is taken, nothing starts.
    operator.stop();
    operator = startOperator(1);
    ask("third", 2);
    awaitQueued("third");
    assertThat(suspended("second")).isTrue();

    // The generator ends while no operator runs; the next one admits the head of the queue.
    operator.stop();
    operator = null;
    namespace.kubelet().finish(running, 0, report("first"));
    operator = startOperator(1);

    await().atMost(KUBERNETES_REACTS).until(() -> !suspended("second"));
    exports.awaitPhase("first", ExportPhase.SUCCEEDED);
    assertThat(suspended("third")).isTrue();
    assertThat(exports.job("first").getMetadata().getUid()).isNotNull();
  }

  @Test
  void aQueuedExportsTimeLimitCountsOnlyFromWhenItIsAdmitted() {
    operator = startOperator(1);
    ask("ahead", 0, spec -> withDeadline(spec, 4));
    ask("limited", 1, spec -> withDeadline(spec, 2));
    awaitQueued("limited");

    // The first export runs into its 4 s limit: by then the second has waited longer than its own.
    Pod first = namespace.kubelet().startNextPod("ahead");
    namespace.kubelet().stopDeleted(first);
    CalendarExportStatus overdue = exports.awaitPhase("ahead", ExportPhase.FAILED);
    assertThat(TestExports.succeeded(overdue).getReason()).isEqualTo("DeadlineExceeded");

    Pod second = namespace.kubelet().startNextPod("limited");
    CalendarExportStatus running = exports.awaitPhase("limited", ExportPhase.RUNNING);
    namespace.kubelet().finish(second, 0, report("limited"));
    exports.awaitPhase("limited", ExportPhase.SUCCEEDED);

    // It waited longer than its own limit, and its clock (the Job's startTime) began on admission.
    Job limited = exports.job("limited");
    Instant queuedAt = Instant.parse(limited.getMetadata().getCreationTimestamp());
    Instant admittedAt = Instant.parse(limited.getStatus().getStartTime());
    assertThat(admittedAt).isAfterOrEqualTo(Instant.parse(failedAt(exports.job("ahead"))));
    assertThat(Duration.between(queuedAt, admittedAt))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    assertThat(running.getAttempts()).isEqualTo(1);
    assertThat(exports.events("limited", "Retrying")).isEmpty();
    assertThat(exports.events("limited", "Started").get(0).getMessage()).contains("attempt 1");
  }

  // --- fixtures

  private CalendarExportOperator startOperator(int maxRunning) {
    return CalendarExportOperator.start(
        namespace.operatorClient(),
        namespace.operatorConfig(Map.of("MAX_RUNNING_GENERATORS", Integer.toString(maxRunning))));
  }

  private void ask(String name, int secondsAfter) {
    ask(name, secondsAfter, spec -> spec);
  }

  /** Creates an export asked for at ASKED + the given seconds, as the api-server stamps it. */
  private void ask(String name, int secondsAfter, UnaryOperator<CalendarExportSpec> customise) {
    CalendarExport export = new CalendarExport();
    export.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace(namespace.name())
            .addToAnnotations(
                CalendarExport.REQUESTED_AT, ASKED.plusSeconds(secondsAfter).toString())
            .build());
    export.setSpec(customise.apply(new CalendarExportSpec()));
    exports.exports().resource(export).create();
    exports.awaitJob(name);
  }

  private static CalendarExportSpec withDeadline(CalendarExportSpec spec, long seconds) {
    spec.setActiveDeadlineSeconds(seconds);
    return spec;
  }

  private void awaitQueued(String name) {
    await()
        .atMost(KUBERNETES_REACTS)
        .until(
            () -> exports.status(name),
            status ->
                status.getPhase() == ExportPhase.PENDING
                    && status.getConditions() != null
                    && CalendarExportStatus.QUEUED_REASON.equals(
                        TestExports.succeeded(status).getReason()));
  }

  private boolean suspended(String name) {
    return Boolean.TRUE.equals(exports.job(name).getSpec().getSuspend());
  }

  private List<Pod> kubeletPods(String jobName) {
    return namespace.kubelet().pods(jobName);
  }

  private void finish(String name) {
    Pod pod = namespace.kubelet().startNextPod(name);
    exports.awaitPhase(name, ExportPhase.RUNNING);
    namespace.kubelet().finish(pod, 0, report(name));
    exports.awaitPhase(name, ExportPhase.SUCCEEDED);
  }

  private String report(String name) {
    String uid = exports.exports().withName(name).get().getMetadata().getUid();
    return GeneratorReport.success(1, 0, 10, SHA, ResultLocation.of(UUID.fromString(uid))).toJson();
  }

  private static String failedAt(Job job) {
    return job.getStatus().getConditions().stream()
        .filter(c -> "Failed".equals(c.getType()) || "FailureTarget".equals(c.getType()))
        .map(JobCondition::getLastTransitionTime)
        .min(String::compareTo)
        .orElseThrow();
  }
}

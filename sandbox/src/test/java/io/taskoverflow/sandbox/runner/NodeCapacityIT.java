package io.taskoverflow.sandbox.runner;

import static io.taskoverflow.sandbox.runner.TestJobs.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.taskoverflow.sandbox.kube.MockKubernetes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner's node runs at most its capacity of pods; the rest wait, Unschedulable. */
class NodeCapacityIT {

  @TempDir Path workDirectory;

  private MockKubernetes kubernetes;
  private KubernetesClient client;
  private LocalJobRunner runner;

  @BeforeEach
  void startRunnerWithRoomForOnePod() {
    kubernetes = MockKubernetes.start(0);
    client = kubernetes.client();
    runner =
        new LocalJobRunner(
                kubernetes.newClient(),
                new ImageCatalog(Map.of("runner-test-image", TestImageMain.class.getName())),
                workDirectory.resolve("pods"),
                Duration.ZERO,
                1)
            .start();
  }

  @AfterEach
  void stopRunner() {
    runner.close();
    kubernetes.close();
  }

  @Test
  void aPodBeyondCapacityStaysPendingUnschedulableUntilTheRunningOneFinishes() throws Exception {
    Path release = workDirectory.resolve("release-first");
    create(job("first").runUntilFileExists(release).exitCode(0));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> phase("first").equals(Optional.of("Running")));

    create(job("second").exitCode(0));

    PodCondition scheduled =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> podScheduled("second"),
                c -> c.isPresent() && "False".equals(c.get().getStatus()))
            .get();
    assertThat(scheduled.getReason()).isEqualTo("Unschedulable");
    assertThat(scheduled.getMessage()).contains("Too many pods");
    Pod waiting = pods("second").get(0);
    assertThat(waiting.getStatus().getPhase()).isEqualTo("Pending");
    assertThat(waiting.getSpec().getNodeName()).isNull();
    assertThat(runner.pidsByPodName()).doesNotContainKey(waiting.getMetadata().getName());
    assertThat(runner.runningPids()).hasSize(1);

    Files.createFile(release);

    awaitComplete("first");
    awaitComplete("second");
    Pod ran = pods("second").get(0);
    assertThat(ran.getSpec().getNodeName()).isEqualTo("sandbox");
    assertThat(podScheduled("second"))
        .hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
  }

  @Test
  void deletingTheRunningPodsJobGivesItsSlotToTheNextPod() {
    create(job("blocker").runMillis(600_000));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> phase("blocker").equals(Optional.of("Running")));
    create(job("queued").exitCode(0));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> podScheduled("queued"),
            c -> c.isPresent() && "Unschedulable".equals(c.get().getReason()));

    client.batch().v1().jobs().withName("blocker").delete();

    awaitComplete("queued");
    assertThat(runner.runningPids()).isEmpty();
  }

  private void create(TestJobs fixture) {
    client.batch().v1().jobs().resource(fixture.build()).create();
  }

  private void awaitComplete(String name) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              Job job = client.batch().v1().jobs().withName(name).get();
              return job != null
                  && job.getStatus() != null
                  && job.getStatus().getConditions().stream()
                      .anyMatch(
                          c -> "Complete".equals(c.getType()) && "True".equals(c.getStatus()));
            });
  }

  private List<Pod> pods(String job) {
    return client.pods().withLabel("batch.kubernetes.io/job-name", job).list().getItems();
  }

  private Optional<String> phase(String job) {
    return pods(job).stream()
        .filter(pod -> pod.getStatus() != null)
        .map(pod -> pod.getStatus().getPhase())
        .findFirst();
  }

  private Optional<PodCondition> podScheduled(String job) {
    return pods(job).stream()
        .filter(pod -> pod.getStatus() != null)
        .flatMap(pod -> pod.getStatus().getConditions().stream())
        .filter(c -> "PodScheduled".equals(c.getType()))
        .findFirst();
  }
}

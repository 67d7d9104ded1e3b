package io.taskoverflow.sandbox.node;

import static io.taskoverflow.sandbox.node.TestJobs.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.taskoverflow.controlplane.ControlPlane;
import io.taskoverflow.controlplane.User;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node agent on the real control plane: the Job controller, scheduler, garbage collector and
 * TTL controller are Kubernetes' own, the agent only runs and reports the pods bound to its node.
 */
class NodeAgentIT {

  @TempDir static Path workDirectory;

  private static ControlPlane kubernetes;
  private static KubernetesClient client;
  private static KubernetesClient nodeClient;
  private static NodeAgent node;

  @BeforeAll
  static void startNode() {
    kubernetes =
        ControlPlane.builder()
            .workDirectory(workDirectory.resolve("kubernetes"))
            .user(User.node(NodeAgent.NODE_NAME))
            .start();
    client = kubernetes.adminClient();
    nodeClient =
        kubernetes.newClient(kubernetes.tokenOf(User.node(NodeAgent.NODE_NAME)), "default");
    node =
        NodeAgent.start(
            nodeClient,
            new ImageCatalog(Map.of("runner-test-image", TestImageMain.class.getName())),
            workDirectory.resolve("node"),
            4,
            kubernetes.version());
    client
        .secrets()
        .inNamespace("default")
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("db")
                .endMetadata()
                .withStringData(Map.of("password", "s3cret"))
                .build())
        .create();
    // Pods need their namespace's default ServiceAccount, which the controller manager creates.
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                client.serviceAccounts().inNamespace("default").withName("default").get() != null);
  }

  @AfterAll
  static void stopNode() {
    node.close();
    nodeClient.close();
    kubernetes.close();
  }

  @Test
  void theNodeIsRegisteredReadyWithItsCapacityAndKeepsItsLeaseFresh() {
    Node registered = client.nodes().withName(NodeAgent.NODE_NAME).get();

    assertThat(registered.getStatus().getCapacity().get("pods").getAmount()).isEqualTo("4");
    assertThat(registered.getStatus().getNodeInfo().getKubeletVersion())
        .isEqualTo(kubernetes.version());
    assertThat(registered.getStatus().getConditions())
        .anySatisfy(
            condition -> {
              assertThat(condition.getType()).isEqualTo("Ready");
              assertThat(condition.getStatus()).isEqualTo("True");
            });
    String firstRenewal = renewTime();
    await().atMost(Duration.ofSeconds(30)).until(() -> !renewTime().equals(firstRenewal));
  }

  @Test
  void succeededPodCompletesTheJobWithItsTerminationMessageAndSecretEnv() {
    Job job =
        create(
            job("succeeds")
                .exitCode(0)
                .secretEnv("DB_PASSWORD", "db", "password")
                .env("ECHO_ENV", "DB_PASSWORD,HOSTNAME"));

    awaitCondition(job, "Complete");

    Job done = client.batch().v1().jobs().withName("succeeds").get();
    assertThat(done.getStatus().getSucceeded()).isEqualTo(1);
    assertThat(done.getStatus().getActive()).as("active pods (omitted when none)").isNull();
    assertThat(done.getStatus().getStartTime()).isNotNull();
    assertThat(done.getStatus().getCompletionTime()).isNotNull();
    assertThat(done.getStatus().getConditions())
        .extracting(JobCondition::getType)
        .containsExactly("SuccessCriteriaMet", "Complete");
    Pod pod = pods(job).get(0);
    assertThat(pod.getMetadata().getName()).matches("succeeds-[a-z0-9]{5}");
    assertThat(pod.getMetadata().getLabels())
        .containsEntry("batch.kubernetes.io/job-name", "succeeds")
        .containsEntry("job-name", "succeeds")
        .containsEntry("taskoverflow.io/export", "succeeds");
    OwnerReference owner = pod.getMetadata().getOwnerReferences().get(0);
    assertThat(owner.getController()).isTrue();
    assertThat(owner.getUid()).isEqualTo(done.getMetadata().getUid());
    assertThat(pod.getStatus().getPhase()).isEqualTo("Succeeded");
    ContainerState state = pod.getStatus().getContainerStatuses().get(0).getState();
    assertThat(state.getTerminated().getExitCode()).isZero();
    assertThat(state.getTerminated().getReason()).isEqualTo("Completed");
    assertThat(state.getTerminated().getMessage())
        .isEqualTo("DB_PASSWORD=s3cret HOSTNAME=" + pod.getMetadata().getName());
    long pid = node.pidsByPodName().get(pod.getMetadata().getName());
    assertThat(pid).isNotEqualTo(ProcessHandle.current().pid());
    assertThat(pod.getStatus().getContainerStatuses().get(0).getContainerID())
        .isEqualTo("sandbox://" + pid);
  }

  @Test
  void aContainersOutputIsServedThroughTheApiServerAsKubectlLogsReadsIt() {
    Job job = create(job("talks").exitCode(0));
    awaitCondition(job, "Complete");
    String podName = pods(job).get(0).getMetadata().getName();

    String log = client.pods().inNamespace("default").withName(podName).getLog();

    assertThat(log).contains("test image running as " + podName);
    assertThat(client.pods().inNamespace("default").withName(podName).tailingLines(0).getLog())
        .isEmpty();
  }

  @Test
  void failedPodIsRetriedUntilBackoffLimit() {
    Job job = create(job("always-fails").exitCode(1).backoffLimit(2));

    JobCondition failed = awaitCondition(job, "Failed");

    assertThat(failed.getReason()).isEqualTo("BackoffLimitExceeded");
    assertThat(client.batch().v1().jobs().withName("always-fails").get().getStatus().getFailed())
        .isEqualTo(3);
    assertThat(pods(job))
        .hasSize(3)
        .allSatisfy(pod -> assertThat(pod.getStatus().getPhase()).isEqualTo("Failed"))
        .allSatisfy(pod -> assertThat(terminated(pod).getTerminated().getExitCode()).isEqualTo(1));
  }

  @Test
  void exitCodeMatchingAFailJobRuleFailsTheJobWithoutRetry() {
    Job job = create(job("permanent").exitCode(2).backoffLimit(5).failJobOnExitCode2());

    JobCondition failed = awaitCondition(job, "Failed");

    assertThat(failed.getReason()).isEqualTo("PodFailurePolicy");
    assertThat(failed.getMessage())
        .startsWith("Container generator for pod default/permanent-")
        .endsWith("failed with exit code 2 matching FailJob rule at index 0");
    assertThat(pods(job)).hasSize(1);
    assertThat(terminated(pods(job).get(0)).getTerminated().getMessage()).isEqualTo("exit 2");
  }

  @Test
  void activeDeadlineKillsTheRunningProcessAndFailsTheJob() {
    Job job = create(job("too-slow").runMillis(600_000).activeDeadlineSeconds(1));
    await().atMost(Duration.ofSeconds(30)).until(() -> !pods(job).isEmpty());
    String podName = pods(job).get(0).getMetadata().getName();
    await().atMost(Duration.ofSeconds(30)).until(() -> node.pidsByPodName().containsKey(podName));
    long pid = node.pidsByPodName().get(podName);

    JobCondition failed = awaitCondition(job, "Failed");

    assertThat(failed.getReason()).isEqualTo("DeadlineExceeded");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
    await().atMost(Duration.ofSeconds(30)).until(() -> pods(job).isEmpty());
  }

  @Test
  void finishedJobIsDeletedAfterItsTtlAndItsPodsWithIt() {
    Job job = create(job("short-lived").exitCode(0).ttlSecondsAfterFinished(0));

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> client.batch().v1().jobs().withName("short-lived").get() == null);
    await().atMost(Duration.ofSeconds(30)).until(() -> pods(job).isEmpty());
  }

  @Test
  void podsOfADeletedJobAreCollectedAndTheirProcessesStopped() {
    Job job = create(job("deleted").runMillis(600_000));
    await().atMost(Duration.ofSeconds(30)).until(() -> runningPod(job).isPresent());
    String podName = runningPod(job).get().getMetadata().getName();
    long pid = node.pidsByPodName().get(podName);

    client.batch().v1().jobs().withName("deleted").delete();

    await().atMost(Duration.ofSeconds(30)).until(() -> pods(job).isEmpty());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
  }

  @Test
  void missingSecretKeepsThePodPendingWithCreateContainerConfigError() {
    Job job = create(job("no-secret").secretEnv("DB_PASSWORD", "absent", "password"));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> waitingReason(job).equals(Optional.of("CreateContainerConfigError")));

    Pod pod = pods(job).get(0);
    assertThat(pod.getStatus().getPhase()).isEqualTo("Pending");
    assertThat(pod.getStatus().getContainerStatuses().get(0).getState().getWaiting().getMessage())
        .isEqualTo("secret \"absent\" not found");
  }

  @Test
  void unknownImageLeavesThePodWaitingWithErrImagePull() {
    Job job = create(job("bad-image").image("example.org/unknown:1"));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> waitingReason(job).equals(Optional.of("ErrImagePull")));
  }

  private static String renewTime() {
    return client
        .leases()
        .inNamespace("kube-node-lease")
        .withName(NodeAgent.NODE_NAME)
        .get()
        .getSpec()
        .getRenewTime()
        .toString();
  }

  private static Job create(TestJobs fixture) {
    return client.batch().v1().jobs().resource(fixture.build()).create();
  }

  private static JobCondition awaitCondition(Job job, String type) {
    // Kubernetes waits 10 s before the first retry of a failed pod, then 20 s.
    return await()
        .atMost(Duration.ofSeconds(120))
        .until(
            () -> {
              Job current = client.batch().v1().jobs().withName(job.getMetadata().getName()).get();
              return current == null || current.getStatus() == null
                  ? null
                  : current.getStatus().getConditions().stream()
                      .filter(c -> c.getType().equals(type) && "True".equals(c.getStatus()))
                      .findFirst()
                      .orElse(null);
            },
            condition -> condition != null);
  }

  private static List<Pod> pods(Job job) {
    return client
        .pods()
        .withLabel("batch.kubernetes.io/job-name", job.getMetadata().getName())
        .list()
        .getItems();
  }

  private static Optional<Pod> runningPod(Job job) {
    return pods(job).stream()
        .filter(pod -> pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase()))
        .findFirst();
  }

  private static Optional<String> waitingReason(Job job) {
    return pods(job).stream()
        .flatMap(pod -> pod.getStatus().getContainerStatuses().stream())
        .map(status -> status.getState().getWaiting())
        .filter(waiting -> waiting != null)
        .map(waiting -> waiting.getReason())
        .findFirst();
  }

  private static ContainerState terminated(Pod pod) {
    return pod.getStatus().getContainerStatuses().get(0).getState();
  }
}

package io.taskoverflow.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReview;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ControlPlaneIT {

  private static final String NAMESPACE = "control-plane-it";
  private static ControlPlane controlPlane;
  private static KubernetesClient admin;

  @BeforeAll
  static void start() throws Exception {
    controlPlane =
        ControlPlane.builder()
            .workDirectory(Files.createTempDirectory("control-plane-it"))
            .user(User.node("it-node"))
            .start();
    admin = controlPlane.adminClient();
    controlPlane.createNamespace(NAMESPACE);
  }

  @AfterAll
  static void stop() {
    controlPlane.close();
  }

  @Test
  void theApiServerReportsThePinnedRelease() throws Exception {
    String goMod =
        Files.readString(
            KubeBinaries.buildScript(Path.of("").toAbsolutePath()).resolveSibling("go.mod"));
    Matcher pinned = Pattern.compile("k8s.io/kubernetes (v\\S+)").matcher(goMod);
    assertThat(pinned.find()).isTrue();

    assertThat(controlPlane.version()).isEqualTo(pinned.group(1));
  }

  @Test
  void theControllerManagerCreatesEachNamespacesDefaultServiceAccount() {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> admin.serviceAccounts().inNamespace(NAMESPACE).withName("default").get() != null);
  }

  @Test
  void theJobControllerCreatesPodsAndTheSchedulerFindsNoNodeForThem() {
    admin
        .batch()
        .v1()
        .jobs()
        .inNamespace(NAMESPACE)
        .resource(
            new JobBuilder()
                .withNewMetadata()
                .withName("waits-for-a-node")
                .endMetadata()
                .withNewSpec()
                .withNewTemplate()
                .withNewSpec()
                .withRestartPolicy("Never")
                .addNewContainer()
                .withName("main")
                .withImage("example.org/nothing:1")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .create();

    PodCondition scheduled =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    admin
                        .pods()
                        .inNamespace(NAMESPACE)
                        .withLabel("job-name", "waits-for-a-node")
                        .list()
                        .getItems()
                        .stream()
                        .filter(pod -> pod.getStatus() != null)
                        .flatMap(pod -> pod.getStatus().getConditions().stream())
                        .filter(condition -> condition.getType().equals("PodScheduled"))
                        .findFirst()
                        .orElse(null),
                condition -> condition != null);
    assertThat(scheduled.getStatus()).isEqualTo("False");
    assertThat(scheduled.getReason()).isEqualTo("Unschedulable");
  }

  @Test
  void aServiceAccountTokenActsAsThatServiceAccountWithNoPermissionsOfItsOwn() {
    admin
        .serviceAccounts()
        .inNamespace(NAMESPACE)
        .resource(
            new ServiceAccountBuilder().withNewMetadata().withName("app").endMetadata().build())
        .create();

    String token = controlPlane.serviceAccountToken(NAMESPACE, "app", Duration.ofMinutes(10));

    try (KubernetesClient app = controlPlane.newClient(token, NAMESPACE)) {
      SelfSubjectReview review = app.resource(new SelfSubjectReview()).create();
      assertThat(review.getStatus().getUserInfo().getUsername())
          .isEqualTo("system:serviceaccount:" + NAMESPACE + ":app");
      assertThatThrownBy(() -> app.pods().inNamespace(NAMESPACE).list())
          .isInstanceOfSatisfying(
              KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
    }
  }

  @Test
  void aNodeMayNotReadSecretsThatNoPodOfItsOwnUses() {
    admin
        .secrets()
        .inNamespace(NAMESPACE)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("unrelated")
                .endMetadata()
                .withStringData(Map.of("password", "s3cret"))
                .build())
        .create();

    try (KubernetesClient node =
        controlPlane.newClient(controlPlane.tokenOf(User.node("it-node")), NAMESPACE)) {
      assertThatThrownBy(() -> node.secrets().inNamespace(NAMESPACE).withName("unrelated").get())
          .isInstanceOfSatisfying(
              KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
    }
  }

  @Test
  void anUnknownTokenIsRejected() throws Exception {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .sslContext(HealthProbe.trusting(controlPlane.caCertificate()))
            .build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(controlPlane.url() + "/api/v1/namespaces"))
            .header("Authorization", "Bearer not-a-token")
            .build();

    assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(401);
  }

  @Test
  void everyComponentListensOnLoopbackOnly() throws Exception {
    assertThat(controlPlane.url()).startsWith("https://127.0.0.1:");
    for (long pid : controlPlane.pids()) {
      for (String socket : ListeningSockets.of(pid)) {
        assertThat(socket).as("pid %d listens on %s", pid, socket).startsWith("127.0.0.1:");
      }
    }
  }
}

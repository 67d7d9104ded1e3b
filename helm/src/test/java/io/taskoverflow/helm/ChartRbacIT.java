package io.taskoverflow.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.taskoverflow.controlplane.ControlPlane;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The chart's RBAC as a real kube-apiserver enforces it. */
class ChartRbacIT {

  private static final String NAMESPACE = "chart-rbac-it";
  private static ControlPlane controlPlane;
  private static KubernetesClient admin;

  @BeforeAll
  static void start() throws Exception {
    controlPlane =
        ControlPlane.builder().workDirectory(Files.createTempDirectory("chart-rbac-it")).start();
    admin = controlPlane.adminClient();
    controlPlane.createNamespace(NAMESPACE);
  }

  @AfterAll
  static void stop() {
    controlPlane.close();
  }

  @Test
  void theChartsOperatorRoleLetsTheOperatorCreateJobsButNotReadSecrets() {
    ChartRbac.apply(admin, NAMESPACE, ChartRbac.SANDBOX_VALUES);
    String token =
        controlPlane.serviceAccountToken(
            NAMESPACE, ChartRbac.OPERATOR_ACCOUNT, Duration.ofMinutes(10));

    try (KubernetesClient operator = controlPlane.newClient(token, NAMESPACE)) {
      assertThat(operator.batch().v1().jobs().inNamespace(NAMESPACE).list().getItems()).isNotNull();
      assertThatThrownBy(() -> operator.secrets().inNamespace(NAMESPACE).list())
          .isInstanceOfSatisfying(
              KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
    }
  }
}

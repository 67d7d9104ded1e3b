package io.taskoverflow.api.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.taskoverflow.api.SharedKubernetes;
import io.taskoverflow.api.TestApi;
import io.taskoverflow.api.TestKubernetes;
import io.taskoverflow.api.kubernetes.KubernetesGate;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.status.ExportPhase;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The store's writes against the real API server when its view lags behind the operator's. The
 * store's informer is not started, so it sees only what it wrote itself: the state of an api-server
 * whose watch has not yet delivered the operator's latest status.
 */
@ExtendWith(SharedKubernetes.class)
class ExportStoreIT {

  private static TestKubernetes kubernetes;
  private static OperatorStandIn operator;

  private ExportStore store;

  @BeforeAll
  static void startKubernetes(TestKubernetes sharedKubernetes) {
    kubernetes = sharedKubernetes;
    operator = new OperatorStandIn(kubernetes.admin(), TestApi.NAMESPACE);
  }

  @BeforeEach
  void aStoreThatSeesOnlyItsOwnWrites() {
    KubernetesClient apiServer = kubernetes.apiServerClient();
    KubernetesGate gate = new KubernetesGate(apiServer, Duration.ofSeconds(1));
    store =
        new ExportStore(apiServer, gate, TestApi.NAMESPACE, new TaskIds(), Clock.systemUTC(), 50);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  void cancellingAnExportThatFinishedUnseenLeavesItAsItIs() {
    String name = createExport();
    operator.phase(name, ExportPhase.SUCCEEDED, "Calendar stored");
    assertThat(store.find(name).map(TaskStatus::of)).contains(TaskStatus.PENDING);

    Optional<CalendarExport> answer = store.cancel(name);

    assertThat(answer.map(TaskStatus::of)).contains(TaskStatus.SUCCESS);
    assertThat(answer.get().getSpec().isCancelled()).isFalse();
    assertThat(operator.get(name).getSpec().isCancelled()).isFalse();
  }

  @Test
  void cancellingAnExportThatStartedUnseenStillCancelsIt() {
    String name = createExport();
    operator.phase(name, ExportPhase.RUNNING, "Generator running");
    assertThat(store.find(name).map(TaskStatus::of)).contains(TaskStatus.PENDING);

    Optional<CalendarExport> answer = store.cancel(name);

    assertThat(answer.map(TaskStatus::of)).contains(TaskStatus.STARTED);
    assertThat(answer.get().getSpec().isCancelled()).isTrue();
    assertThat(operator.get(name).getSpec().isCancelled()).isTrue();
  }

  @Test
  void cancellingAnExportThatIsGoneAnswersEmpty() {
    String name = createExport();
    kubernetes
        .admin()
        .resources(CalendarExport.class)
        .inNamespace(TestApi.NAMESPACE)
        .withName(name)
        .delete();

    assertThat(store.cancel(name)).isEmpty();
  }

  private String createExport() {
    return store.create(new ExportRequest(null, null, null, null)).getMetadata().getName();
  }
}

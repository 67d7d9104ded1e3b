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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

  // The operator's change has not reached the store's cache when the cancel comes: a finished
  // export stays as it is, a started one is still cancelled.
  @ParameterizedTest(name = "{0} unseen: {2}, cancelled {3}")
  @CsvSource({
    "SUCCEEDED, Calendar stored,   SUCCESS, false",
    "RUNNING,   Generator running, STARTED, true",
  })
  void cancellingAnExportThatChangedUnseenGoesByItsRealPhase(
      ExportPhase phase, String message, TaskStatus answered, boolean cancelled) {
    String name = createExport();
    operator.phase(name, phase, message);
    assertThat(store.find(name).map(TaskStatus::of)).contains(TaskStatus.PENDING);

    Optional<CalendarExport> answer = store.cancel(name);

    assertThat(answer.map(TaskStatus::of)).contains(answered);
    assertThat(answer.get().getSpec().isCancelled()).isEqualTo(cancelled);
    assertThat(operator.get(name).getSpec().isCancelled()).isEqualTo(cancelled);
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

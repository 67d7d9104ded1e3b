package io.taskoverflow.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.taskoverflow.helm.ChartRbac;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.spec.CalendarExportSpec;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two replicas under the chart's RBAC with leader election on, as the chart installs them. */
class LeaderElectionIT {

  private static final Map<String, Object> TWO_REPLICAS = new HashMap<>(ChartRbac.SANDBOX_VALUES);

  static {
    TWO_REPLICAS.put("operator.leaderElection.enabled", true);
    TWO_REPLICAS.put("operator.replicas", 2);
  }

  @RegisterExtension final TestNamespace namespace = new TestNamespace(TWO_REPLICAS);

  private final Map<String, CalendarExportOperator> replicas = new HashMap<>();

  @AfterEach
  void stopReplicas() {
    replicas.values().forEach(CalendarExportOperator::stop);
  }

  @Test
  void onlyTheLeaseHolderReconcilesAndTheOtherReplicaTakesOverWhenItStops() {
    // JOSDK checks the Lease permissions through a SelfSubjectRulesReview: the chart's Role
    // answers.
    replicas.put("replica-a", start("replica-a"));
    replicas.put("replica-b", start("replica-b"));

    String leader =
        await().atMost(Duration.ofSeconds(30)).until(this::holder, holder -> holder != null);
    create("first");
    await().until(() -> job("first") != null);
    // A standby that reconciled too would try to create the same Job and say so in an Event.
    await().until(() -> eventReasons("first").contains("JobCreated"));
    assertThat(eventReasons("first")).containsOnlyOnce("JobCreated").doesNotContain("JobNameTaken");

    replicas.remove(leader).stop();
    String successor =
        await()
            .atMost(Duration.ofSeconds(40))
            .until(this::holder, holder -> holder != null && !holder.equals(leader));
    create("second");

    assertThat(successor).isIn("replica-a", "replica-b");
    await().atMost(Duration.ofSeconds(20)).until(() -> job("second") != null);
    assertThat(admin().batch().v1().jobs().inNamespace(namespace.name()).list().getItems())
        .hasSize(2);
  }

  private CalendarExportOperator start(String podName) {
    return CalendarExportOperator.start(
        namespace.operatorClient(),
        namespace.operatorConfig(Map.of("LEADER_ELECTION", "true", "POD_NAME", podName)));
  }

  private KubernetesClient admin() {
    return namespace.admin();
  }

  private String holder() {
    Lease lease =
        admin().leases().inNamespace(namespace.name()).withName("taskoverflow-operator").get();
    return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
  }

  private List<String> eventReasons(String exportName) {
    return admin().v1().events().inNamespace(namespace.name()).list().getItems().stream()
        .filter(event -> exportName.equals(event.getInvolvedObject().getName()))
        .map(Event::getReason)
        .toList();
  }

  private Job job(String name) {
    return admin().batch().v1().jobs().inNamespace(namespace.name()).withName(name).get();
  }

  private void create(String name) {
    CalendarExport export = new CalendarExport();
    export.setMetadata(
        new ObjectMetaBuilder().withName(name).withNamespace(namespace.name()).build());
    export.setSpec(new CalendarExportSpec());
    admin().resources(CalendarExport.class).inNamespace(namespace.name()).resource(export).create();
  }
}

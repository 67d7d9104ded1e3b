package io.taskoverflow.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.spec.CalendarExportSpec;
import io.taskoverflow.schema.TestDatabase;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class LeaderElectionIT {

  private static final String NAMESPACE = "test";

  KubernetesClient client;
  KubernetesMockServer server;

  private final Map<String, CalendarExportOperator> replicas = new HashMap<>();

  @AfterEach
  void stopReplicas() {
    replicas.values().forEach(CalendarExportOperator::stop);
  }

  @Test
  void onlyTheLeaseHolderReconcilesAndTheOtherReplicaTakesOverWhenItStops() throws Exception {
    try (InputStream crd =
        CalendarExport.class.getResourceAsStream(
            "/META-INF/fabric8/calendarexports.taskoverflow.io-v1.yml")) {
      client.apiextensions().v1().customResourceDefinitions().load(crd).create();
    }
    allowLeaseAccess();
    replicas.put("replica-a", CalendarExportOperator.start(client, config("replica-a")));
    replicas.put("replica-b", CalendarExportOperator.start(client, config("replica-b")));

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
    assertThat(client.batch().v1().jobs().inNamespace(NAMESPACE).list().getItems()).hasSize(2);
  }

  /**
   * JOSDK asks whether it may use Leases before electing; the mock server cannot answer a
   * SelfSubjectRulesReview, so answer as a cluster with the chart's RBAC would.
   */
  private void allowLeaseAccess() {
    server
        .expect()
        .post()
        .withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
        .andReturn(
            201,
            new SelfSubjectRulesReviewBuilder()
                .withNewStatus()
                .addNewResourceRule()
                .withApiGroups("coordination.k8s.io")
                .withResources("leases")
                .withVerbs("get", "create", "update")
                .endResourceRule()
                .withIncomplete(false)
                .endStatus()
                .build())
        .always();
  }

  private String holder() {
    Lease lease = client.leases().inNamespace(NAMESPACE).withName("taskoverflow-operator").get();
    return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
  }

  private java.util.List<String> eventReasons(String exportName) {
    return client.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
        .filter(event -> exportName.equals(event.getInvolvedObject().getName()))
        .map(io.fabric8.kubernetes.api.model.Event::getReason)
        .toList();
  }

  private Object job(String name) {
    return client.batch().v1().jobs().inNamespace(NAMESPACE).withName(name).get();
  }

  private void create(String name) {
    CalendarExport export = new CalendarExport();
    export.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
    export.setSpec(new CalendarExportSpec());
    client.resources(CalendarExport.class).inNamespace(NAMESPACE).resource(export).create();
  }

  private OperatorConfig config(String podName) {
    Map<String, String> env = new HashMap<>();
    env.put("GENERATOR_IMAGE", "taskoverflow/generator:1.2.3");
    env.put("DB_URL", TestDatabase.jdbcUrl());
    env.put("DB_USER", TestDatabase.user());
    env.put("DB_PASSWORD", TestDatabase.password());
    env.put("HEALTH_PORT", "0");
    env.put("WATCH_NAMESPACE", NAMESPACE);
    env.put("LEADER_ELECTION", "true");
    env.put("POD_NAME", podName);
    return OperatorConfig.fromEnv(env);
  }
}

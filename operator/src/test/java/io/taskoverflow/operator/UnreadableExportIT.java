package io.taskoverflow.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.job.GeneratorReport;
import io.taskoverflow.model.job.ResultLocation;
import io.taskoverflow.model.spec.CalendarExportSpec;
import io.taskoverflow.model.status.ExportPhase;
import io.taskoverflow.operator.unreadable.UnreadableExportReporter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One export the operator cannot read must not take it down. fabric8's informer stops at an object
 * it cannot deserialise and JOSDK then ends the process (or, at start-up, fails to start); here
 * such an export is reported, skipped, and every other export keeps working.
 */
class UnreadableExportIT {

  private static final Duration KUBERNETES_REACTS = Duration.ofSeconds(30);

  @RegisterExtension final TestNamespace namespace = new TestNamespace();

  private KubernetesClient admin;
  private CalendarExportOperator operator;

  @BeforeEach
  void setUp() {
    admin = namespace.admin();
  }

  @AfterEach
  void stopOperatorAndRestoreTheCrd() {
    if (operator != null) {
      operator.stop();
    }
    namespace.cluster().installCrd(TestCluster.generatedCrd());
  }

  @Test
  void anExportWithAFieldOfTheWrongTypeIsReportedAndSkippedWhileTheOthersSucceed() {
    operator = startOperator();

    createUnreadable("wrong-type");

    Event report = awaitEvent("wrong-type", UnreadableExportReporter.REASON);
    assertThat(report.getType()).isEqualTo("Warning");
    assertThat(report.getMessage()).contains("spec.backoffLimit").contains("\"three\"");
    succeeds("created-after");
    assertThat(job("wrong-type")).as("skipped: no Job").isNull();
    CalendarExport stored = exports().withName("created-after").get();
    assertThat(stored.getStatus().getPhase()).isEqualTo(ExportPhase.SUCCEEDED);
    assertThat(events("wrong-type", UnreadableExportReporter.REASON))
        .as("reported once")
        .hasSize(1);
    awaitReady();
  }

  @Test
  void anOperatorStartingBesideAnUnreadableExportStartsAndReportsIt() {
    createUnreadable("there-before");

    // The informer's first list holds the export: without care the operator would not start.
    operator = startOperator();

    awaitEvent("there-before", UnreadableExportReporter.REASON);
    succeeds("created-after");
    assertThat(job("there-before")).isNull();
    awaitReady();
  }

  /**
   * Written while a looser CRD was installed, as a newer or older operator's CRD might be, then the
   * real CRD put back: the API server keeps serving the stored value as it is.
   */
  private void createUnreadable(String name) {
    CustomResourceDefinition loose = TestCluster.generatedCrd();
    loose
        .getSpec()
        .getVersions()
        .get(0)
        .getSchema()
        .getOpenAPIV3Schema()
        .getProperties()
        .put(
            "spec",
            new JSONSchemaPropsBuilder()
                .withType("object")
                .withXKubernetesPreserveUnknownFields(true)
                .build());
    namespace.cluster().installCrd(loose);
    GenericKubernetesResource unreadable =
        new GenericKubernetesResourceBuilder()
            .withApiVersion(CalendarExport.GROUP + "/" + CalendarExport.VERSION)
            .withKind("CalendarExport")
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace.name())
            .endMetadata()
            .addToAdditionalProperties("spec", Map.of("backoffLimit", "three"))
            .build();
    // The API server takes a moment to validate against the new schema.
    await()
        .atMost(KUBERNETES_REACTS)
        .ignoreExceptions()
        .until(() -> admin.resource(unreadable).create() != null);
    namespace.cluster().installCrd(TestCluster.generatedCrd());
  }

  /** A well-formed export created now runs through to Succeeded. */
  private void succeeds(String name) {
    CalendarExport export = new CalendarExport();
    export.setMetadata(
        new ObjectMetaBuilder().withName(name).withNamespace(namespace.name()).build());
    export.setSpec(new CalendarExportSpec());
    UUID uid = UUID.fromString(exports().resource(export).create().getMetadata().getUid());
    await().atMost(KUBERNETES_REACTS).until(() -> job(name) != null);
    Pod pod = namespace.kubelet().startNextPod(name);
    namespace
        .kubelet()
        .finish(
            pod,
            0,
            GeneratorReport.success(1, 0, 10, "a".repeat(64), ResultLocation.of(uid)).toJson());
    await()
        .atMost(KUBERNETES_REACTS)
        .until(
            () -> exports().withName(name).get().getStatus(),
            status -> status != null && status.getPhase() == ExportPhase.SUCCEEDED);
  }

  private CalendarExportOperator startOperator() {
    return CalendarExportOperator.start(
        namespace.operatorClient(), namespace.operatorConfig(Map.of()));
  }

  private NonNamespaceOperation<
          CalendarExport, KubernetesResourceList<CalendarExport>, Resource<CalendarExport>>
      exports() {
    return admin.resources(CalendarExport.class).inNamespace(namespace.name());
  }

  private Job job(String name) {
    return admin.batch().v1().jobs().inNamespace(namespace.name()).withName(name).get();
  }

  private Event awaitEvent(String exportName, String reason) {
    return await()
        .atMost(KUBERNETES_REACTS)
        .until(() -> events(exportName, reason), events -> !events.isEmpty())
        .get(0);
  }

  private List<Event> events(String exportName, String reason) {
    return admin.v1().events().inNamespace(namespace.name()).list().getItems().stream()
        .filter(event -> exportName.equals(event.getInvolvedObject().getName()))
        .filter(event -> reason.equals(event.getReason()))
        .toList();
  }

  /** Ready again: its informers watch (each change of the CRD restarts their watches). */
  private void awaitReady() {
    await().atMost(KUBERNETES_REACTS).until(() -> ready() == 200);
  }

  private int ready() throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + operator.healthPort() + "/readyz"))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}

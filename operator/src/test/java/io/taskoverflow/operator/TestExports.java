package io.taskoverflow.operator;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.spec.CalendarExportSpec;
import io.taskoverflow.model.status.CalendarExportStatus;
import io.taskoverflow.model.status.ExportPhase;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The operator ITs' view of a test namespace: its exports, their Jobs and their Events, as admin.
 */
final class TestExports {

  static final Duration KUBERNETES_REACTS = Duration.ofSeconds(30);

  private final TestNamespace namespace;

  TestExports(TestNamespace namespace) {
    this.namespace = namespace;
  }

  NonNamespaceOperation<
          CalendarExport, KubernetesResourceList<CalendarExport>, Resource<CalendarExport>>
      exports() {
    return namespace.admin().resources(CalendarExport.class).inNamespace(namespace.name());
  }

  CalendarExport create(String name) {
    return create(name, spec -> spec);
  }

  CalendarExport create(String name, UnaryOperator<CalendarExportSpec> customise) {
    CalendarExport export = new CalendarExport();
    export.setMetadata(
        new ObjectMetaBuilder().withName(name).withNamespace(namespace.name()).build());
    export.setSpec(customise.apply(new CalendarExportSpec()));
    return exports().resource(export).create();
  }

  Job job(String name) {
    return namespace.admin().batch().v1().jobs().inNamespace(namespace.name()).withName(name).get();
  }

  Job awaitJob(String name) {
    return await().atMost(KUBERNETES_REACTS).until(() -> job(name), job -> job != null);
  }

  /** The export's status; an empty one while it has none (or is gone). */
  CalendarExportStatus status(String name) {
    CalendarExport export = exports().withName(name).get();
    return export == null || export.getStatus() == null
        ? new CalendarExportStatus()
        : export.getStatus();
  }

  CalendarExportStatus awaitPhase(String name, ExportPhase phase) {
    return await()
        .atMost(KUBERNETES_REACTS)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> status(name), status -> status.getPhase() == phase);
  }

  static Condition succeeded(CalendarExportStatus status) {
    return status.getConditions().stream()
        .filter(c -> CalendarExportStatus.SUCCEEDED_CONDITION.equals(c.getType()))
        .findFirst()
        .orElseThrow();
  }

  void awaitEvent(String exportName, String reason) {
    await().until(() -> !events(exportName, reason).isEmpty());
  }

  List<Event> events(String exportName, String reason) {
    return namespace.admin().v1().events().inNamespace(namespace.name()).list().getItems().stream()
        .filter(event -> exportName.equals(event.getInvolvedObject().getName()))
        .filter(event -> reason.equals(event.getReason()))
        .toList();
  }
}

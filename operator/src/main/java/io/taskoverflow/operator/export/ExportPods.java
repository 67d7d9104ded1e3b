package io.taskoverflow.operator.export;

import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.job.ExportLabels;
import io.taskoverflow.operator.job.GeneratorJobFactory;
import java.util.Map;
import java.util.Set;

/**
 * Watches the generator pods (label {@code taskoverflow.io/export}): the Job's status alone tells
 * neither the generator's termination message nor when a retry begins.
 */
final class ExportPods {

  private ExportPods() {}

  static InformerEventSource<Pod, CalendarExport> eventSource(
      EventSourceContext<CalendarExport> context) {
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(Pod.class, CalendarExport.class)
            .withName("generator-pods")
            .withNamespacesInheritedFromController()
            .withLabelSelector(ExportLabels.EXPORT)
            .withSecondaryToPrimaryMapper(ExportPods::exportOf)
            .build(),
        context);
  }

  private static Set<ResourceID> exportOf(Pod pod) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    // The label may hold a shortened name; the annotation always holds the full one.
    String name =
        annotations != null && annotations.containsKey(GeneratorJobFactory.EXPORT_NAME_ANNOTATION)
            ? annotations.get(GeneratorJobFactory.EXPORT_NAME_ANNOTATION)
            : pod.getMetadata().getLabels().get(ExportLabels.EXPORT);
    return Set.of(new ResourceID(name, pod.getMetadata().getNamespace()));
  }
}

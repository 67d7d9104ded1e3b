package io.taskoverflow.operator.events;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.taskoverflow.model.job.ExportLabels;
import io.taskoverflow.operator.status.SucceededCondition;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records Kubernetes Events on an export (or a feed), so {@code kubectl describe} tells its story.
 */
public class ExportEvents {

  public static final String NORMAL = "Normal";
  public static final String WARNING = "Warning";

  private static final Logger LOG = LoggerFactory.getLogger(ExportEvents.class);
  private static final int MAX_MESSAGE_LENGTH = 1024;

  private final KubernetesClient client;
  private final Clock clock;

  public ExportEvents(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** Best effort, like every Event: a lost one must not fail the reconciliation. */
  public void record(HasMetadata export, String type, String reason, String message) {
    String now = SucceededCondition.rfc3339(clock.instant());
    String namespace = export.getMetadata().getNamespace();
    String text =
        message.length() > MAX_MESSAGE_LENGTH ? message.substring(0, MAX_MESSAGE_LENGTH) : message;
    try {
      client
          .v1()
          .events()
          .inNamespace(namespace)
          .resource(
              new EventBuilder()
                  .withNewMetadata()
                  .withName(
                      export.getMetadata().getName()
                          + "."
                          + UUID.randomUUID().toString().replace("-", "").substring(0, 16))
                  .withNamespace(namespace)
                  .endMetadata()
                  .withNewInvolvedObject()
                  .withApiVersion(export.getApiVersion())
                  .withKind(export.getKind())
                  .withName(export.getMetadata().getName())
                  .withNamespace(namespace)
                  .withUid(export.getMetadata().getUid())
                  .withResourceVersion(export.getMetadata().getResourceVersion())
                  .endInvolvedObject()
                  .withType(type)
                  .withReason(reason)
                  .withMessage(text)
                  .withCount(1)
                  .withFirstTimestamp(now)
                  .withLastTimestamp(now)
                  .withNewSource()
                  .withComponent(ExportLabels.OPERATOR_NAME)
                  .endSource()
                  .withReportingComponent(ExportLabels.OPERATOR_NAME)
                  .build())
          .create();
    } catch (KubernetesClientException e) {
      LOG.warn(
          "Could not record event {} on {}/{}: {}",
          reason,
          namespace,
          export.getMetadata().getName(),
          e.getMessage());
    }
  }
}

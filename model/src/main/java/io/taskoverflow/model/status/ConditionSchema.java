package io.taskoverflow.model.status;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/**
 * The CRD schema of one condition: Kubernetes' metav1.Condition with descriptions. fabric8's {@code
 * Condition}, which the status holds at runtime, carries none.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public final class ConditionSchema {

  @Required
  @JsonPropertyDescription("Kind of condition, e.g. Succeeded.")
  String type;

  @Required
  @JsonPropertyDescription("True, False or Unknown.")
  Status status;

  @JsonPropertyDescription("Machine-readable reason for the last transition, in CamelCase.")
  String reason;

  @JsonPropertyDescription("Human-readable details of the last transition.")
  String message;

  @JsonPropertyDescription("When the status last changed (RFC 3339).")
  String lastTransitionTime;

  @JsonPropertyDescription("The metadata.generation the condition was set for.")
  Long observedGeneration;

  private ConditionSchema() {}

  private enum Status {
    True,
    False,
    Unknown
  }
}

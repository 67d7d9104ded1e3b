package io.taskoverflow.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.taskoverflow.model.status.CalendarExportStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes the {@code Succeeded} condition the Kubernetes way: {@code Unknown} while the export runs,
 * then {@code True} or {@code False}; {@code lastTransitionTime} moves only when the status does.
 */
public final class SucceededCondition {

  public static final String TRUE = "True";
  public static final String FALSE = "False";
  public static final String UNKNOWN = "Unknown";

  private SucceededCondition() {}

  /** The conditions with Succeeded set; other condition types are kept as they are. */
  public static List<Condition> apply(
      List<Condition> existing,
      String status,
      String reason,
      String message,
      Long observedGeneration,
      Instant now) {
    return put(
        existing,
        CalendarExportStatus.SUCCEEDED_CONDITION,
        status,
        reason,
        message,
        observedGeneration,
        now);
  }

  /** The conditions with the one of this type set; the others are kept as they are. */
  public static List<Condition> put(
      List<Condition> existing,
      String type,
      String status,
      String reason,
      String message,
      Long observedGeneration,
      Instant now) {
    List<Condition> conditions = new ArrayList<>();
    Condition previous = null;
    for (Condition condition : existing == null ? List.<Condition>of() : existing) {
      if (type.equals(condition.getType())) {
        previous = condition;
      } else {
        conditions.add(condition);
      }
    }
    boolean transition = previous == null || !Objects.equals(previous.getStatus(), status);
    String transitionTime =
        transition || previous.getLastTransitionTime() == null
            ? rfc3339(now)
            : previous.getLastTransitionTime();
    conditions.add(
        new ConditionBuilder()
            .withType(type)
            .withStatus(status)
            .withReason(reason)
            .withMessage(message == null ? "" : message)
            .withObservedGeneration(observedGeneration)
            .withLastTransitionTime(transitionTime)
            .build());
    return conditions;
  }

  /** Kubernetes timestamps have whole seconds. */
  public static String rfc3339(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}

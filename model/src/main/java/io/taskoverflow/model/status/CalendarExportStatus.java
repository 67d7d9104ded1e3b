package io.taskoverflow.model.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What the operator observed; written only by the operator. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CalendarExportStatus {

  /** The condition {@code kubectl wait --for=condition=Succeeded} waits for. */
  public static final String SUCCEEDED_CONDITION = "Succeeded";

  /** The Succeeded condition's reason (and the Event's) when a stored calendar was reused. */
  public static final String REUSED_REASON = "Reused";

  /**
   * The Succeeded condition's reason (and the Event's) while the export's Job waits, suspended, for
   * a free generator slot; the phase is then Pending.
   */
  public static final String QUEUED_REASON = "Queued";

  @JsonPropertyDescription("Pending, Running, Retrying, Succeeded, Failed or Cancelled.")
  private ExportPhase phase;

  @JsonPropertyDescription(
      "Conditions in the Kubernetes convention; Succeeded is Unknown while the export runs.")
  @SchemaFrom(type = ConditionSchema[].class)
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("The metadata.generation this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription("Name of the generator Job.")
  private String jobName;

  @JsonPropertyDescription("Generator pods started so far.")
  private Integer attempts;

  @JsonPropertyDescription("When the first generator pod started (RFC 3339).")
  private String startTime;

  @JsonPropertyDescription("When the export finished, whatever the outcome (RFC 3339).")
  private String completionTime;

  @JsonPropertyDescription("Human-readable explanation of the phase, e.g. the failure reason.")
  private String message;

  @JsonPropertyDescription("The stored calendar, once the export succeeded.")
  private ExportResult result;

  @JsonPropertyDescription(
      "Set when no Job ran: the export whose calendar was copied, made from the same todos (same"
          + " revision) with the same options.")
  private String reusedFrom;

  public ExportPhase getPhase() {
    return phase;
  }

  public void setPhase(ExportPhase phase) {
    this.phase = phase;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public String getJobName() {
    return jobName;
  }

  public void setJobName(String jobName) {
    this.jobName = jobName;
  }

  public Integer getAttempts() {
    return attempts;
  }

  public void setAttempts(Integer attempts) {
    this.attempts = attempts;
  }

  public String getStartTime() {
    return startTime;
  }

  public void setStartTime(String startTime) {
    this.startTime = startTime;
  }

  public String getCompletionTime() {
    return completionTime;
  }

  public void setCompletionTime(String completionTime) {
    this.completionTime = completionTime;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  public ExportResult getResult() {
    return result;
  }

  public void setResult(ExportResult result) {
    this.result = result;
  }

  public String getReusedFrom() {
    return reusedFrom;
  }

  public void setReusedFrom(String reusedFrom) {
    this.reusedFrom = reusedFrom;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CalendarExportStatus other
        && phase == other.phase
        && Objects.equals(conditions, other.conditions)
        && Objects.equals(observedGeneration, other.observedGeneration)
        && Objects.equals(jobName, other.jobName)
        && Objects.equals(attempts, other.attempts)
        && Objects.equals(startTime, other.startTime)
        && Objects.equals(completionTime, other.completionTime)
        && Objects.equals(message, other.message)
        && Objects.equals(result, other.result)
        && Objects.equals(reusedFrom, other.reusedFrom);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        phase,
        conditions,
        observedGeneration,
        jobName,
        attempts,
        startTime,
        completionTime,
        message,
        result,
        reusedFrom);
  }
}

package io.taskoverflow.model.feed;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.kubernetes.api.model.Condition;
import io.taskoverflow.model.status.ConditionSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What the operator observed of a feed; written only by the operator. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CalendarFeedStatus {

  /** True once the feed has a calendar to serve. */
  public static final String READY_CONDITION = "Ready";

  /** True when the served calendar was made from the current todos. */
  public static final String UP_TO_DATE_CONDITION = "UpToDate";

  @JsonPropertyDescription("The export whose calendar the feed serves.")
  private String currentExport;

  @JsonPropertyDescription("The todo revision the served calendar was made from.")
  private Long todoRevision;

  @JsonPropertyDescription(
      "When the served calendar was made (RFC 3339): the feed's Last-Modified.")
  private String lastUpdateTime;

  @JsonPropertyDescription("The export making the next calendar, while one runs.")
  private String pendingExport;

  @JsonPropertyDescription(
      "Since when (RFC 3339) the todos have changed after the served calendar was made.")
  private String staleSince;

  @JsonPropertyDescription("When a client last fetched the feed (RFC 3339).")
  private String lastRequestTime;

  @JsonPropertyDescription("Human-readable explanation of the conditions.")
  private String message;

  @JsonPropertyDescription("Ready and UpToDate, in the Kubernetes convention.")
  @SchemaFrom(type = ConditionSchema[].class)
  private List<Condition> conditions = new ArrayList<>();

  public String getCurrentExport() {
    return currentExport;
  }

  public void setCurrentExport(String currentExport) {
    this.currentExport = currentExport;
  }

  public Long getTodoRevision() {
    return todoRevision;
  }

  public void setTodoRevision(Long todoRevision) {
    this.todoRevision = todoRevision;
  }

  public String getLastUpdateTime() {
    return lastUpdateTime;
  }

  public void setLastUpdateTime(String lastUpdateTime) {
    this.lastUpdateTime = lastUpdateTime;
  }

  public String getPendingExport() {
    return pendingExport;
  }

  public void setPendingExport(String pendingExport) {
    this.pendingExport = pendingExport;
  }

  public String getStaleSince() {
    return staleSince;
  }

  public void setStaleSince(String staleSince) {
    this.staleSince = staleSince;
  }

  public String getLastRequestTime() {
    return lastRequestTime;
  }

  public void setLastRequestTime(String lastRequestTime) {
    this.lastRequestTime = lastRequestTime;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CalendarFeedStatus other
        && Objects.equals(currentExport, other.currentExport)
        && Objects.equals(todoRevision, other.todoRevision)
        && Objects.equals(lastUpdateTime, other.lastUpdateTime)
        && Objects.equals(pendingExport, other.pendingExport)
        && Objects.equals(staleSince, other.staleSince)
        && Objects.equals(lastRequestTime, other.lastRequestTime)
        && Objects.equals(message, other.message)
        && Objects.equals(conditions, other.conditions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(currentExport, todoRevision, pendingExport, lastRequestTime, message);
  }
}

package io.taskoverflow.model.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * What to export: the calendar's options, the Job's limits and cancellation. Immutable once
 * created, except that an export can be cancelled.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = CalendarExportSpec.IMMUTABLE_RULE,
    message = CalendarExportSpec.IMMUTABLE_MESSAGE)
@ValidationRule(
    value = "!oldSelf.cancelled || self.cancelled",
    message = "a cancelled export cannot be resumed")
public class CalendarExportSpec extends ExportOptions {

  static final String IMMUTABLE_MESSAGE = "spec is immutable after creation, except cancelled";

  /** Every field but {@code cancelled} keeps its value (or its absence) across updates. */
  static final String IMMUTABLE_RULE =
      "self.calendarName == oldSelf.calendarName"
          + " && self.component == oldSelf.component"
          + " && has(self.filter) == has(oldSelf.filter)"
          + " && (!has(self.filter) || self.filter == oldSelf.filter)"
          + " && has(self.backoffLimit) == has(oldSelf.backoffLimit)"
          + " && (!has(self.backoffLimit) || self.backoffLimit == oldSelf.backoffLimit)"
          + " && has(self.activeDeadlineSeconds) == has(oldSelf.activeDeadlineSeconds)"
          + " && (!has(self.activeDeadlineSeconds)"
          + " || self.activeDeadlineSeconds == oldSelf.activeDeadlineSeconds)"
          + " && has(self.ttlSecondsAfterFinished) == has(oldSelf.ttlSecondsAfterFinished)"
          + " && (!has(self.ttlSecondsAfterFinished)"
          + " || self.ttlSecondsAfterFinished == oldSelf.ttlSecondsAfterFinished)";

  @JsonPropertyDescription("Set to true to cancel the export: its Job and pods are deleted.")
  @Default("false")
  private boolean cancelled;

  @JsonPropertyDescription(
      "Retries of a failed generator pod; the operator's default when absent, capped by its maximum.")
  @Min(0)
  @Max(20)
  private Integer backoffLimit;

  @JsonPropertyDescription(
      "Seconds the generator Job may run before it is stopped; the operator's default when absent.")
  @Min(1)
  @Max(86400)
  private Long activeDeadlineSeconds;

  @JsonPropertyDescription(
      "Seconds a finished export and its calendar are kept; the operator's default (one day) when"
          + " absent.")
  @Min(0)
  @Max(2592000)
  private Integer ttlSecondsAfterFinished;

  public boolean isCancelled() {
    return cancelled;
  }

  public void setCancelled(boolean cancelled) {
    this.cancelled = cancelled;
  }

  public Integer getBackoffLimit() {
    return backoffLimit;
  }

  public void setBackoffLimit(Integer backoffLimit) {
    this.backoffLimit = backoffLimit;
  }

  public Long getActiveDeadlineSeconds() {
    return activeDeadlineSeconds;
  }

  public void setActiveDeadlineSeconds(Long activeDeadlineSeconds) {
    this.activeDeadlineSeconds = activeDeadlineSeconds;
  }

  public Integer getTtlSecondsAfterFinished() {
    return ttlSecondsAfterFinished;
  }

  public void setTtlSecondsAfterFinished(Integer ttlSecondsAfterFinished) {
    this.ttlSecondsAfterFinished = ttlSecondsAfterFinished;
  }
}

package io.taskoverflow.model.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import java.util.Objects;

/** Which todos go into the calendar; an absent field does not filter. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ExportFilter {

  @JsonPropertyDescription("Only todos with this completed flag; all todos when absent.")
  private Boolean completed;

  @JsonPropertyDescription(
      "Only todos due at most this many days from now (overdue ones included, no deadline excluded).")
  @Min(0)
  @Max(36500)
  private Integer windowDays;

  public ExportFilter() {}

  public ExportFilter(Boolean completed, Integer windowDays) {
    this.completed = completed;
    this.windowDays = windowDays;
  }

  public Boolean getCompleted() {
    return completed;
  }

  public void setCompleted(Boolean completed) {
    this.completed = completed;
  }

  public Integer getWindowDays() {
    return windowDays;
  }

  public void setWindowDays(Integer windowDays) {
    this.windowDays = windowDays;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExportFilter other
        && Objects.equals(completed, other.completed)
        && Objects.equals(windowDays, other.windowDays);
  }

  @Override
  public int hashCode() {
    return Objects.hash(completed, windowDays);
  }
}

package io.taskoverflow.model.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** Which todos go into the calendar; an absent field does not filter. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExportFilter(
    @JsonPropertyDescription("Only todos with this completed flag; all todos when absent.")
        Boolean completed,
    @JsonPropertyDescription(
            "Only todos due at most this many days from now (overdue ones included, no deadline"
                + " excluded).")
        @Min(0)
        @Max(36500)
        Integer windowDays) {}

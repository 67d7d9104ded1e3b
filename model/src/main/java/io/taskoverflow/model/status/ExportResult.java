package io.taskoverflow.model.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Where the finished calendar is stored and what it holds. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExportResult(
    @JsonPropertyDescription(
            "Where the calendar is stored, e.g. postgresql:calendar_results/<uid>.")
        String location,
    @JsonPropertyDescription("Media type of the calendar.") String contentType,
    @JsonPropertyDescription("Size of the calendar in bytes.") Long sizeBytes,
    @JsonPropertyDescription("Hex SHA-256 of the calendar; the API serves it as the ETag.")
        String sha256,
    @JsonPropertyDescription("Number of components (events or to-dos) in the calendar.")
        Integer events,
    @JsonPropertyDescription("Todos left out, e.g. events without a deadline.") Integer skipped) {}

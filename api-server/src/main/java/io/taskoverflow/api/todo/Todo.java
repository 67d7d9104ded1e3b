package io.taskoverflow.api.todo;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.LocalDateTime;

/** A todo as stored and as the API shows it: exactly these seven fields, in this order. */
@JsonPropertyOrder({
  "id",
  "title",
  "description",
  "completed",
  "deadline_at",
  "created_at",
  "updated_at"
})
public record Todo(
    int id,
    String title,
    String description,
    boolean completed,
    @JsonProperty("deadline_at") @JsonSerialize(using = IsoTimestampSerializer.class)
        LocalDateTime deadlineAt,
    @JsonProperty("created_at") @JsonSerialize(using = IsoTimestampSerializer.class)
        LocalDateTime createdAt,
    @JsonProperty("updated_at") @JsonSerialize(using = IsoTimestampSerializer.class)
        LocalDateTime updatedAt) {}

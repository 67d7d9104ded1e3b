package io.taskoverflow.model.status;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where an export is in its life. */
public enum ExportPhase {
  /**
   * Accepted; no generator pod is running yet: queued for a generator slot (condition reason
   * Queued), or admitted and waiting for its pod to start.
   */
  @JsonProperty("Pending")
  PENDING,
  /** A generator pod is running. */
  @JsonProperty("Running")
  RUNNING,
  /** A generator pod failed and the Job will try again. */
  @JsonProperty("Retrying")
  RETRYING,
  /** The calendar is stored and described in {@code status.result}. */
  @JsonProperty("Succeeded")
  SUCCEEDED,
  /** The Job gave up; {@code status.message} says why. */
  @JsonProperty("Failed")
  FAILED,
  /** Cancelled through {@code spec.cancelled}; the Job and its pods are gone. */
  @JsonProperty("Cancelled")
  CANCELLED;

  /** Finished phases never change again. */
  public boolean isFinal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }
}

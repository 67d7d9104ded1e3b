package io.taskoverflow.model.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** Where the finished calendar is stored and what it holds. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ExportResult {

  @JsonPropertyDescription("Where the calendar is stored, e.g. postgresql:calendar_results/<uid>.")
  private String location;

  @JsonPropertyDescription("Media type of the calendar.")
  private String contentType;

  @JsonPropertyDescription("Size of the calendar in bytes.")
  private Long sizeBytes;

  @JsonPropertyDescription("Hex SHA-256 of the calendar; the API serves it as the ETag.")
  private String sha256;

  @JsonPropertyDescription("Number of components (events or to-dos) in the calendar.")
  private Integer events;

  @JsonPropertyDescription("Todos left out, e.g. events without a deadline.")
  private Integer skipped;

  public ExportResult() {}

  public ExportResult(
      String location,
      String contentType,
      Long sizeBytes,
      String sha256,
      Integer events,
      Integer skipped) {
    this.location = location;
    this.contentType = contentType;
    this.sizeBytes = sizeBytes;
    this.sha256 = sha256;
    this.events = events;
    this.skipped = skipped;
  }

  public String getLocation() {
    return location;
  }

  public void setLocation(String location) {
    this.location = location;
  }

  public String getContentType() {
    return contentType;
  }

  public void setContentType(String contentType) {
    this.contentType = contentType;
  }

  public Long getSizeBytes() {
    return sizeBytes;
  }

  public void setSizeBytes(Long sizeBytes) {
    this.sizeBytes = sizeBytes;
  }

  public String getSha256() {
    return sha256;
  }

  public void setSha256(String sha256) {
    this.sha256 = sha256;
  }

  public Integer getEvents() {
    return events;
  }

  public void setEvents(Integer events) {
    this.events = events;
  }

  public Integer getSkipped() {
    return skipped;
  }

  public void setSkipped(Integer skipped) {
    this.skipped = skipped;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExportResult other
        && Objects.equals(location, other.location)
        && Objects.equals(contentType, other.contentType)
        && Objects.equals(sizeBytes, other.sizeBytes)
        && Objects.equals(sha256, other.sha256)
        && Objects.equals(events, other.events)
        && Objects.equals(skipped, other.skipped);
  }

  @Override
  public int hashCode() {
    return Objects.hash(location, contentType, sizeBytes, sha256, events, skipped);
  }
}

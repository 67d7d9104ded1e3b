package io.taskoverflow.model.job;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The one-line JSON the generator leaves as its container's termination message and prints last.
 * Kubernetes keeps at most 4096 bytes of it, so an error is cut well below that.
 */
public record GeneratorReport(
    Outcome outcome,
    Integer events,
    Integer skipped,
    Long bytes,
    String sha256,
    String location,
    String error) {

  public enum Outcome {
    succeeded,
    failed
  }

  static final int MAX_ERROR_BYTES = 2048;

  /**
   * The generator writes its report with jackson-core alone: a cold ObjectMapper costs a few
   * hundred milliseconds, a noticeable share of a small export's run. Only readers (the operator)
   * pay for it.
   */
  private static final JsonFactory JSON_FACTORY = new JsonFactory();

  /** Initialised on first use only, by {@link #parse}. */
  private static final class Reader {
    static final ObjectMapper JSON =
        new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  }

  public static GeneratorReport success(
      int events, int skipped, long bytes, String sha256, String location) {
    return new GeneratorReport(Outcome.succeeded, events, skipped, bytes, sha256, location, null);
  }

  public static GeneratorReport failure(String error) {
    return new GeneratorReport(Outcome.failed, null, null, null, null, null, truncate(error));
  }

  @JsonIgnore
  public boolean succeeded() {
    return outcome == Outcome.succeeded;
  }

  /** One line of JSON, the fields in declaration order, absent ones left out. */
  public String toJson() {
    StringWriter json = new StringWriter();
    try (JsonGenerator out = JSON_FACTORY.createGenerator(json)) {
      out.writeStartObject();
      writeIfPresent(out, "outcome", outcome == null ? null : outcome.name());
      writeIfPresent(out, "events", events);
      writeIfPresent(out, "skipped", skipped);
      writeIfPresent(out, "bytes", bytes);
      writeIfPresent(out, "sha256", sha256);
      writeIfPresent(out, "location", location);
      writeIfPresent(out, "error", error);
      out.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("a report always serialises", e);
    }
    return json.toString();
  }

  private static void writeIfPresent(JsonGenerator out, String field, String value)
      throws IOException {
    if (value != null) {
      out.writeStringField(field, value);
    }
  }

  private static void writeIfPresent(JsonGenerator out, String field, Number value)
      throws IOException {
    if (value != null) {
      out.writeNumberField(field, value.longValue());
    }
  }

  /** Reads a termination message; anything that is not a report yields a failure carrying it. */
  public static GeneratorReport parse(String message) {
    if (message == null || message.isBlank()) {
      return failure("the generator left no termination message");
    }
    try {
      GeneratorReport report = Reader.JSON.readValue(message.strip(), GeneratorReport.class);
      return report.outcome() == null ? failure(message.strip()) : report;
    } catch (JsonProcessingException e) {
      return failure(message.strip());
    }
  }

  private static String truncate(String error) {
    byte[] utf8 = String.valueOf(error).getBytes(StandardCharsets.UTF_8);
    if (utf8.length <= MAX_ERROR_BYTES) {
      return String.valueOf(error);
    }
    String cut = new String(utf8, 0, MAX_ERROR_BYTES, StandardCharsets.UTF_8);
    // A cut through a multi-byte character decodes to U+FFFD; drop it.
    return cut.replaceAll("\uFFFD$", "") + "…";
  }
}

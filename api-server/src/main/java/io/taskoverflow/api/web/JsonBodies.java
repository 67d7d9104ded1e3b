package io.taskoverflow.api.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads request bodies as JSON with a size limit. The limit is enforced on the bytes actually read,
 * so a chunked request without Content-Length cannot slip past it.
 */
public final class JsonBodies {

  // Duplicate keys and trailing garbage are ambiguous input: reject rather than guess.
  private static final ObjectMapper STRICT =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final long maxBytes;

  public JsonBodies(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** The body as a JSON object; 400 when it is not one, 413 when it is too large. */
  public ObjectNode object(Context ctx) {
    byte[] body = bytes(ctx);
    if (isBlank(body)) {
      throw ApiError.badRequest("Request body must be a JSON object, but it is empty");
    }
    return asObject(parse(body));
  }

  /** Like {@link #object} but an empty body yields an empty object: every field is optional. */
  public ObjectNode optionalObject(Context ctx) {
    byte[] body = bytes(ctx);
    return isBlank(body) ? STRICT.createObjectNode() : asObject(parse(body));
  }

  private byte[] bytes(Context ctx) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > maxBytes) {
      throw ApiError.contentTooLarge(maxBytes);
    }
    try (InputStream in = ctx.req().getInputStream()) {
      byte[] read = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (read.length > maxBytes) {
        throw ApiError.contentTooLarge(maxBytes);
      }
      return read;
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the request body", e);
    }
  }

  private static JsonNode parse(byte[] body) {
    try {
      return STRICT.readTree(body);
    } catch (JsonProcessingException e) {
      throw ApiError.badRequest("Request body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ApiError.badRequest("Request body is not valid JSON");
    }
  }

  private static ObjectNode asObject(JsonNode node) {
    if (node instanceof ObjectNode object) {
      return object;
    }
    throw ApiError.badRequest(
        "Request body must be a JSON object, not " + JsonTypes.describe(node));
  }

  private static boolean isBlank(byte[] body) {
    for (byte b : body) {
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return false;
      }
    }
    return true;
  }
}

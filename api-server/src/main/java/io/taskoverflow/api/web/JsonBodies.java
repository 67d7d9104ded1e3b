package io.taskoverflow.api.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.Header;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads request bodies as JSON with a size limit. The limit is enforced on the bytes actually read,
 * so a chunked request without Content-Length cannot slip past it. A body must be declared {@code
 * application/json} ({@link JsonMediaType}) and be well-formed UTF-8.
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

  /** The body as a JSON object; 400 when it is not one, 413 when too large, 415 when not JSON. */
  public ObjectNode object(Context ctx) {
    JsonMediaType.require(ctx.header(Header.CONTENT_TYPE));
    byte[] body = bytes(ctx);
    if (isBlank(body)) {
      throw ApiError.badRequest("Request body must be a JSON object, but it is empty");
    }
    return asObject(parse(body));
  }

  /**
   * Like {@link #object} but an empty body yields an empty object: every field is optional. An
   * empty body needs no Content-Type ({@code curl -X POST .../todos/ical} sends none); any body, or
   * any Content-Type that is sent, must be JSON.
   */
  public ObjectNode optionalObject(Context ctx) {
    String contentType = ctx.header(Header.CONTENT_TYPE);
    if (contentType != null) {
      JsonMediaType.require(contentType);
    }
    byte[] body = bytes(ctx);
    if (isBlank(body)) {
      return STRICT.createObjectNode();
    }
    JsonMediaType.require(contentType);
    return asObject(parse(body));
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
      return STRICT.readTree(utf8(body));
    } catch (JsonProcessingException e) {
      throw ApiError.badRequest("Request body is not valid JSON: " + e.getOriginalMessage());
    }
  }

  /**
   * Jackson's own decoder lets overlong forms (C0 AF for '/') and CESU-8 (surrogates encoded one by
   * one) through; the JDK's strict decoder refuses both, as RFC 3629 requires.
   */
  private static String utf8(byte[] body) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw ApiError.badRequest("Request body is not valid UTF-8");
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

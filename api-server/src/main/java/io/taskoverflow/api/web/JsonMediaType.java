package io.taskoverflow.api.web;

import java.util.Locale;

/**
 * Requests with a body must say {@code Content-Type: application/json}, with at most a UTF-8
 * charset. A browser sends text/plain, form-encoded and multipart bodies to another site without
 * asking it first (no CORS preflight), so accepting them would let any web page write here.
 */
final class JsonMediaType {

  private JsonMediaType() {}

  /** Throws 415 unless the header names JSON in UTF-8; {@code null} (no header) throws too. */
  static void require(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      throw ApiError.unsupportedMediaType(
          "Content-Type must be application/json, but the request has none");
    }
    String[] parts = contentType.split(";");
    if (!parts[0].strip().equalsIgnoreCase("application/json")) {
      throw ApiError.unsupportedMediaType(
          "Content-Type must be application/json, not '" + parts[0].strip() + "'");
    }
    for (int i = 1; i < parts.length; i++) {
      String parameter = parts[i].strip().toLowerCase(Locale.ROOT);
      if (parameter.startsWith("charset=")) {
        String charset = parameter.substring("charset=".length()).replace("\"", "");
        if (!charset.equals("utf-8") && !charset.equals("utf8")) {
          throw ApiError.unsupportedMediaType(
              "JSON bodies must be UTF-8, not charset '" + charset + "'");
        }
      }
    }
  }
}

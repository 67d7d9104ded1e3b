package io.taskoverflow.api.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request that cannot be served, with the status and the message the client sees as {@code
 * {"error": message}}, plus the headers that belong to it (Allow, Retry-After, WWW-Authenticate).
 * Thrown anywhere below the controllers; {@link ErrorResponses} renders it.
 */
public class ApiError extends RuntimeException {

  private final int status;
  private final Map<String, String> headers;

  public ApiError(int status, String message) {
    this(status, message, Map.of(), null);
  }

  protected ApiError(int status, String message, Map<String, String> headers, Throwable cause) {
    super(message, cause, false, false);
    this.status = status;
    this.headers = Map.copyOf(headers);
  }

  public static ApiError badRequest(String message) {
    return new ApiError(400, message);
  }

  public static ApiError notFound(String message) {
    return new ApiError(404, message);
  }

  public static ApiError contentTooLarge(long limitBytes) {
    return new ApiError(413, "Request body is larger than the limit of " + limitBytes + " bytes");
  }

  public static ApiError unsupportedMediaType(String message) {
    return new ApiError(415, message);
  }

  /** 429 or 503: the client may try again after the given number of seconds. */
  public static ApiError retryLater(int status, String message, long retryAfterSeconds) {
    return new ApiError(status, message)
        .withHeader("Retry-After", Long.toString(retryAfterSeconds));
  }

  /** The same error with one more response header. */
  public ApiError withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new ApiError(status, getMessage(), more, getCause());
  }

  public int status() {
    return status;
  }

  public Map<String, String> headers() {
    return headers;
  }
}

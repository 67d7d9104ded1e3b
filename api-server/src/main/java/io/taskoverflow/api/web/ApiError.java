package io.taskoverflow.api.web;

/**
 * A request that cannot be served, with the status and the message the client sees as {@code
 * {"error": message}}. Thrown anywhere below the controllers; {@link ErrorResponses} renders it.
 */
public class ApiError extends RuntimeException {

  private final int status;

  public ApiError(int status, String message) {
    super(message, null, false, false);
    this.status = status;
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

  public int status() {
    return status;
  }
}

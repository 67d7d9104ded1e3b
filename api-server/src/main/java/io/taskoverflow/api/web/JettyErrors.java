package io.taskoverflow.api.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * The errors Jetty answers itself, before Javalin sees a request (a malformed request line, a URI
 * or headers over the limit: 400, 414, 431), in the API's {@code {"error": ...}} form instead of
 * Jetty's HTML page.
 */
public final class JettyErrors extends ErrorHandler {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    if (HttpStatus.hasNoBody(status)) {
      return ByteBuffer.allocate(0);
    }
    fields.put(HttpHeader.CONTENT_TYPE, "application/json");
    fields.put("X-Content-Type-Options", "nosniff");
    return ByteBuffer.wrap(body(status, reason));
  }

  @Override
  protected void generateAcceptableResponse(
      Request baseRequest,
      HttpServletRequest request,
      HttpServletResponse response,
      int code,
      String message)
      throws IOException {
    baseRequest.setHandled(true);
    if (HttpStatus.hasNoBody(code)) {
      return;
    }
    response.setContentType("application/json");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.getOutputStream().write(body(code, message));
  }

  private static byte[] body(int status, String reason) {
    String message = HttpStatus.getMessage(status);
    // A 404's reason may hold the request path, which is never echoed back.
    if (status != HttpStatus.NOT_FOUND_404
        && reason != null
        && !reason.isBlank()
        && !reason.equals(message)) {
      message = message + ": " + reason;
    }
    try {
      return JSON.writeValueAsBytes(Map.of("error", message));
    } catch (JsonProcessingException e) {
      return "{\"error\":\"Bad request\"}".getBytes(StandardCharsets.UTF_8);
    }
  }
}

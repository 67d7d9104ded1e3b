package io.taskoverflow.api.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.Header;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.MethodNotAllowedResponse;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become {@code {"error": "..."}} responses (Jetty's own, before
 * Javalin, are {@link JettyErrors}).
 */
public final class ErrorResponses {

  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

  private ErrorResponses() {}

  public static void install(Javalin app) {
    app.exception(
        ApiError.class,
        (e, ctx) -> {
          e.headers().forEach(ctx::header);
          respond(ctx, e.status(), e.getMessage());
        });
    app.exception(MethodNotAllowedResponse.class, ErrorResponses::methodNotAllowed);
    // Javalin's own responses: unknown route, its Content-Length check.
    app.exception(
        HttpResponseException.class, (e, ctx) -> respond(ctx, e.getStatus(), describe(e)));
    app.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
          respond(ctx, 500, "Internal server error");
        });
    // A 404 that no handler produced (no route, no static file) still answers in JSON.
    app.error(
        404,
        ctx -> {
          if (ctx.result() == null || ctx.result().isEmpty()) {
            respond(ctx, 404, "Not found");
          }
        });
  }

  /**
   * 405 with the Allow header RFC 9110 asks for. OPTIONS is answered (204 with Allow) without any
   * CORS header: no other origin is allowed, so a browser's preflight from another site fails.
   */
  private static void methodNotAllowed(MethodNotAllowedResponse e, Context ctx) {
    Set<String> allowed = new LinkedHashSet<>();
    for (String method : e.getDetails().getOrDefault("availableMethods", "").split(",")) {
      if (!method.isBlank()) {
        allowed.add(method.strip());
      }
    }
    allowed.add("OPTIONS");
    ctx.header(Header.ALLOW, String.join(", ", allowed));
    if (ctx.method() == HandlerType.OPTIONS) {
      ctx.status(HttpStatus.NO_CONTENT);
      return;
    }
    respond(
        ctx,
        405,
        "Method "
            + ctx.method()
            + " is not allowed here (allowed: "
            + String.join(", ", allowed)
            + ")");
  }

  private static void respond(Context ctx, int status, String message) {
    ctx.status(status).json(Map.of("error", message));
  }

  private static String describe(HttpResponseException e) {
    HttpStatus status = HttpStatus.forStatus(e.getStatus());
    if (status == HttpStatus.CONTENT_TOO_LARGE) {
      return "Request body is too large";
    }
    if (status == HttpStatus.NOT_FOUND) {
      // Javalin's says "Endpoint GET /the/path not found": the path is never echoed back.
      return "Not found";
    }
    return e.getMessage() == null || e.getMessage().isBlank()
        ? status.getMessage()
        : e.getMessage();
  }
}

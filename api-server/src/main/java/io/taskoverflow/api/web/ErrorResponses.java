package io.taskoverflow.api.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place where failures become {@code {"error": "..."}} responses. */
public final class ErrorResponses {

  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

  private ErrorResponses() {}

  public static void install(Javalin app) {
    app.exception(ApiError.class, (e, ctx) -> respond(ctx, e.status(), e.getMessage()));
    // Javalin's own responses: unknown route, wrong method, its Content-Length check.
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

  private static void respond(Context ctx, int status, String message) {
    ctx.status(status).json(Map.of("error", message));
  }

  private static String describe(HttpResponseException e) {
    HttpStatus status = HttpStatus.forStatus(e.getStatus());
    if (status == HttpStatus.CONTENT_TOO_LARGE) {
      return "Request body is too large";
    }
    return e.getMessage() == null || e.getMessage().isBlank()
        ? status.getMessage()
        : e.getMessage();
  }
}

package io.taskoverflow.api.web;

import io.javalin.http.Context;

/**
 * Headers that tell browsers to treat every answer as what it says it is and never to frame it. The
 * page is self-contained (its script and style sheet come from here, nothing is inline), so its
 * policy allows only this origin; the API's answers are data and may load nothing at all.
 */
public final class SecurityHeaders {

  /** The web page and its assets: own script, style and fetches; the favicon is a data: URL. */
  static final String PAGE_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

  /** JSON, calendars and errors: nothing to run or load, not even when opened directly. */
  static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox";

  private SecurityHeaders() {}

  public static void apply(Context ctx) {
    ctx.header(
        "Content-Security-Policy", ctx.path().startsWith("/api/") ? API_POLICY : PAGE_POLICY);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Cross-Origin-Opener-Policy", "same-origin");
    ctx.header("Cross-Origin-Resource-Policy", "same-origin");
  }
}

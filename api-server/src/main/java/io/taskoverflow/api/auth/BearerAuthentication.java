package io.taskoverflow.api.auth;

import io.javalin.http.Context;
import io.javalin.http.Header;
import io.taskoverflow.api.web.ApiError;
import java.util.Set;

/**
 * Opt-in authentication of the API (RFC 6750): with tokens configured every {@code /api/v1} route
 * except the probes needs {@code Authorization: Bearer <token>}. The web page's files stay public;
 * they hold no data, and the page asks for the token once the API answers 401.
 */
public final class BearerAuthentication {

  /** Kubernetes' probes carry no credentials. */
  static final Set<String> OPEN_PATHS = Set.of("/api/v1/health", "/api/v1/ready");

  private static final String SCHEME = "Bearer ";
  private static final String REALM = "Bearer realm=\"taskoverflow\"";

  private final ApiTokens tokens;

  public BearerAuthentication(ApiTokens tokens) {
    this.tokens = tokens;
  }

  public void check(Context ctx) {
    // The raw path, as Javalin routes it: an encoded or trailing-slash variant of a probe's
    // path is not open.
    String path = ctx.path();
    if (!tokens.enabled() || !path.startsWith("/api") || OPEN_PATHS.contains(path)) {
      return;
    }
    String authorization = ctx.header(Header.AUTHORIZATION);
    if (authorization == null || authorization.isBlank()) {
      throw new ApiError(401, "Authentication required: send Authorization: Bearer <token>")
          .withHeader(Header.WWW_AUTHENTICATE, REALM);
    }
    String value = authorization.strip();
    if (!value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
        || !tokens.accepts(value.substring(SCHEME.length()).strip())) {
      throw new ApiError(401, "Invalid API token")
          .withHeader(Header.WWW_AUTHENTICATE, REALM + ", error=\"invalid_token\"");
    }
  }
}

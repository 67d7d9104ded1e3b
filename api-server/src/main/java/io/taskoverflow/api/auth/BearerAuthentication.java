package io.taskoverflow.api.auth;

import io.javalin.http.Context;
import io.javalin.http.Header;
import io.taskoverflow.api.web.ApiError;
import java.util.Optional;
import java.util.Set;

/**
 * Opt-in authentication of the API (RFC 6750): with tokens configured every {@code /api/v1} route
 * except the probes needs {@code Authorization: Bearer <token>}, and a feed may instead carry the
 * key of its link. The web page's files stay public; they hold no data, and the page asks for the
 * token once the API answers 401. {@code feedRoute} is the one route that also opens to its feed's
 * key.
 */
public record BearerAuthentication(ApiTokens tokens, FeedKeyRoute feedRoute) {

  /** Kubernetes' probes carry no credentials. */
  static final Set<String> OPEN_PATHS = Set.of("/api/v1/health", "/api/v1/ready");

  private static final String SCHEME = "Bearer ";
  private static final String REALM = "Bearer realm=\"taskoverflow\"";

  public void check(Context ctx) {
    // The raw path, as Javalin routes it: an encoded or trailing-slash variant of a probe's
    // path is not open.
    String path = ctx.path();
    if (!tokens.enabled() || !path.startsWith("/api") || OPEN_PATHS.contains(path)) {
      return;
    }
    String authorization = ctx.header(Header.AUTHORIZATION);
    String feedKey = ctx.queryParam(feedRoute.keyParameter());
    if (path.equals(feedRoute.path())
        && feedKey != null
        && (authorization == null || authorization.isBlank())) {
      checkFeedKey(ctx, feedKey);
      return;
    }
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

  /** The bearer token of a request, as sent (it was checked before any handler ran). */
  public static Optional<String> presentedToken(Context ctx) {
    String authorization = ctx.header(Header.AUTHORIZATION);
    if (authorization == null
        || !authorization.strip().regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      return Optional.empty();
    }
    return Optional.of(authorization.strip().substring(SCHEME.length()).strip());
  }

  private void checkFeedKey(Context ctx, String key) {
    if (!tokens.acceptsFeedKey(key, feedRoute.feedName().apply(ctx))) {
      throw new ApiError(
              401, "Invalid feed key: ask the API for a new link (GET /todos/ical/feed-link)")
          .withHeader(Header.WWW_AUTHENTICATE, REALM + ", error=\"invalid_token\"");
    }
  }
}

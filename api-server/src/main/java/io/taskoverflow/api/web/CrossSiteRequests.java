package io.taskoverflow.api.web;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses writes a browser sends on behalf of another site. The API sets no CORS headers, so a
 * browser never lets another origin read an answer or send a non-simple request; but "simple"
 * requests (a POST without a body, a form) go out without asking. Browsers label every request with
 * {@code Sec-Fetch-Site}, and with {@code Origin} on a POST; curl and other clients send neither,
 * so they are unaffected. The same rule as Go's {@code http.CrossOriginProtection}.
 */
public final class CrossSiteRequests {

  private static final Set<HandlerType> SAFE =
      Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);

  private final BaseUrl baseUrl;

  public CrossSiteRequests(BaseUrl baseUrl) {
    this.baseUrl = baseUrl;
  }

  public void check(Context ctx) {
    if (SAFE.contains(ctx.method())) {
      return;
    }
    String site = ctx.header("Sec-Fetch-Site");
    if (site != null) {
      String value = site.strip().toLowerCase(Locale.ROOT);
      if (!value.equals("same-origin") && !value.equals("none")) {
        throw refused();
      }
      return;
    }
    // Browsers without Fetch Metadata: the Origin, when sent, must be this server.
    String origin = ctx.header("Origin");
    if (origin != null && !sameHost(origin, baseUrl.host(ctx))) {
      throw refused();
    }
  }

  private static boolean sameHost(String origin, String host) {
    try {
      URI uri = new URI(origin.strip());
      return uri.getRawAuthority() != null && uri.getRawAuthority().equalsIgnoreCase(host);
    } catch (java.net.URISyntaxException e) {
      return false; // includes "null", the Origin of sandboxed frames and file: pages
    }
  }

  private static ApiError refused() {
    return new ApiError(403, "Cross-site requests may not change anything here");
  }
}

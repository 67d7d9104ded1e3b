package io.taskoverflow.api.web;

import io.javalin.http.Context;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The scheme and authority the client used, so that URLs in responses work from where it stands.
 * Behind an ingress the forwarded headers name the public side, but anyone can send them: they
 * count only when the deployment says a proxy sets them ({@code TRUST_FORWARDED_HEADERS}), and even
 * then only an http(s) scheme and a well-formed host are taken. Of a list, the last entry counts:
 * the nearest proxy wrote it, a client cannot.
 */
public final class BaseUrl {

  // A DNS name or IPv4 address, or a bracketed IPv6 literal, with an optional port.
  private static final Pattern HOST =
      Pattern.compile(
          "([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\\.?|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?");

  private final boolean trustForwardedHeaders;

  public BaseUrl(boolean trustForwardedHeaders) {
    this.trustForwardedHeaders = trustForwardedHeaders;
  }

  public String of(Context ctx) {
    return scheme(ctx) + "://" + host(ctx);
  }

  /** The host (and port) the client addressed; what an Origin header is compared with. */
  public String host(Context ctx) {
    if (trustForwardedHeaders) {
      String forwarded = last(ctx.header("X-Forwarded-Host"));
      if (isHost(forwarded)) {
        return forwarded;
      }
    }
    String host = ctx.header("Host");
    if (isHost(host)) {
      return host.strip();
    }
    return ctx.req().getServerName() + ":" + ctx.req().getServerPort();
  }

  private String scheme(Context ctx) {
    if (trustForwardedHeaders) {
      String forwarded = last(ctx.header("X-Forwarded-Proto"));
      if (forwarded != null) {
        String scheme = forwarded.toLowerCase(Locale.ROOT);
        if (scheme.equals("http") || scheme.equals("https")) {
          return scheme;
        }
      }
    }
    return ctx.scheme();
  }

  static boolean isHost(String value) {
    return value != null && value.length() <= 261 && HOST.matcher(value.strip()).matches();
  }

  private static String last(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String[] values = header.split(",");
    return values[values.length - 1].strip();
  }
}

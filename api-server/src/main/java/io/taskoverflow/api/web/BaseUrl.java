package io.taskoverflow.api.web;

import io.javalin.http.Context;

/**
 * The scheme and authority the client used, so that URLs in responses work from where it stands.
 * Behind an ingress the forwarded headers name the public side.
 */
public final class BaseUrl {

  private BaseUrl() {}

  public static String of(Context ctx) {
    String scheme = first(ctx.header("X-Forwarded-Proto"));
    String host = first(ctx.header("X-Forwarded-Host"));
    if (host == null) {
      host = ctx.header("Host");
    }
    if (host == null) {
      host = ctx.req().getServerName() + ":" + ctx.req().getServerPort();
    }
    return (scheme == null ? ctx.scheme() : scheme) + "://" + host;
  }

  private static String first(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    return header.split(",")[0].strip();
  }
}

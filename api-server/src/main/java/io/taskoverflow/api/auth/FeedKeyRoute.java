package io.taskoverflow.api.auth;

import io.javalin.http.Context;
import java.util.function.Function;

/**
 * The route that a feed's key ({@link ApiTokens#feedKey}) in its URL opens without a bearer token,
 * for calendar applications, which cannot send one. The feed side supplies it, so that
 * authentication need not know how a feed is named.
 *
 * @param path the raw path, as Javalin routes it
 * @param keyParameter the query parameter that carries the key
 * @param feedName the name of the feed a request asks for; may answer 400 for invalid options
 */
public record FeedKeyRoute(String path, String keyParameter, Function<Context, String> feedName) {}

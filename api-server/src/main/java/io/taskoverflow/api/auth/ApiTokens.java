package io.taskoverflow.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The bearer tokens that may use the API. Only their SHA-256 digests are kept; a presented token is
 * hashed and compared with every digest in constant time, so neither the comparison nor the number
 * of matching leading characters shows in the response time.
 */
public final class ApiTokens {

  /** Shorter tokens are guessable; {@code openssl rand -hex 32} makes a good one. */
  public static final int MIN_LENGTH = 16;

  private static final ApiTokens NONE = new ApiTokens(List.of());

  private final List<byte[]> digests;

  private ApiTokens(List<byte[]> digests) {
    this.digests = digests;
  }

  /** No tokens: authentication is off and the API is open. */
  public static ApiTokens none() {
    return NONE;
  }

  /**
   * The tokens in a text: one per line, or separated by commas or spaces; lines starting with # are
   * comments.
   */
  public static ApiTokens parse(String text) {
    return new ApiTokens(split(text).stream().map(ApiTokens::sha256).toList());
  }

  /** The tokens of {@link #parse} in the order given, for checking them at start-up. */
  public static List<String> split(String text) {
    return text.lines()
        .map(String::strip)
        .filter(line -> !line.startsWith("#"))
        .flatMap(line -> Arrays.stream(line.split("[,\\s]+")))
        .filter(token -> !token.isEmpty())
        .toList();
  }

  public boolean enabled() {
    return !digests.isEmpty();
  }

  public int count() {
    return digests.size();
  }

  /** Whether the token is one of them; takes the same time for any token of any length. */
  public boolean accepts(String token) {
    byte[] presented = sha256(token);
    boolean match = false;
    for (byte[] digest : digests) {
      match |= MessageDigest.isEqual(digest, presented);
    }
    return match;
  }

  /**
   * A key that opens one feed, and nothing else, to whoever holds it: calendar applications cannot
   * send an Authorization header, so a feed URL carries this instead. It is an HMAC of the feed's
   * name under the token's digest, so it needs no storage, and removing the token revokes it.
   */
  public String feedKey(String token, String feedName) {
    return feedKeyOf(sha256(token), feedName);
  }

  /** Whether the key was made by {@link #feedKey} from one of the tokens for this feed. */
  public boolean acceptsFeedKey(String key, String feedName) {
    byte[] presented = key.getBytes(StandardCharsets.US_ASCII);
    boolean match = false;
    for (byte[] digest : digests) {
      match |=
          MessageDigest.isEqual(
              feedKeyOf(digest, feedName).getBytes(StandardCharsets.US_ASCII), presented);
    }
    return match;
  }

  private static String feedKeyOf(byte[] tokenDigest, String feedName) {
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(new SecretKeySpec(tokenDigest, "HmacSHA256"));
      byte[] tag = hmac.doFinal(("feed:" + feedName).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JVM has HmacSHA256", e);
    }
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return enabled() ? count() + " API token(s)" : "no API tokens";
  }
}

package io.taskoverflow.api.export;

/**
 * Compares an {@code If-None-Match} header with a strong tag (RFC 9110 §13.1.2, weak comparison).
 */
public final class EntityTags {

  private EntityTags() {}

  public static boolean matches(String ifNoneMatch, String opaqueTag) {
    if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
      return false;
    }
    for (String candidate : ifNoneMatch.split(",")) {
      String tag = candidate.strip();
      if (tag.equals("*")) {
        return true;
      }
      if (tag.startsWith("W/")) {
        tag = tag.substring(2);
      }
      if (tag.equals("\"" + opaqueTag + "\"")) {
        return true;
      }
    }
    return false;
  }
}

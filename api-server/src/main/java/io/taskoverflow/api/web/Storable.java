package io.taskoverflow.api.web;

/**
 * PostgreSQL text cannot hold NUL, and a lone UTF-16 surrogate would silently turn into '?' on the
 * way in. Rejecting both keeps "stored verbatim" true.
 */
final class Storable {

  private Storable() {}

  static boolean isStorable(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\0') {
        return false;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }
}

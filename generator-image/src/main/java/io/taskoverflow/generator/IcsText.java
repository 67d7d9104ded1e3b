package io.taskoverflow.generator;

/**
 * Makes text fit an RFC 5545 TEXT value (§3.3.11), and escapes it. ical4j 4.4.0 escapes only {@code
 * \r?\n} as a line break: a lone CR would reach the output raw, as would the control characters
 * TEXT may not hold. A lone surrogate has no UTF-8 form; it becomes U+FFFD.
 */
final class IcsText {

  private IcsText() {}

  /** CRLF and lone CR become LF (which ical4j writes as {@code \n}); other controls but TAB go. */
  static String clean(String text) {
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c == '\r' || forbidden(c)) {
        return rebuild(text, i);
      }
      if (Character.isSurrogate(c)) {
        if (!pairAt(text, i)) {
          return rebuild(text, i);
        }
        i++;
      }
    }
    return text; // the common case: nothing to do, nothing allocated
  }

  /**
   * Escapes a TEXT value (RFC 5545 §3.3.11) exactly as ical4j's PropertyCodec does: backslash,
   * semicolon and comma get a backslash, LF and CRLF become {@code \n}.
   */
  static String escape(String value) {
    if (value == null) {
      return "";
    }
    int length = value.length();
    int first = 0;
    while (first < length && !special(value.charAt(first))) {
      first++;
    }
    if (first == length) {
      return value; // the common case: nothing to escape, nothing allocated
    }
    StringBuilder escaped = new StringBuilder(length + 16).append(value, 0, first);
    for (int i = first; i < length; i++) {
      char c = value.charAt(i);
      if (c == '\\' || c == ';' || c == ',') {
        escaped.append('\\').append(c);
      } else if (c == '\n' || (c == '\r' && i + 1 < length && value.charAt(i + 1) == '\n')) {
        escaped.append("\\n");
        i += c == '\r' ? 1 : 0;
      } else {
        escaped.append(c);
      }
    }
    return escaped.toString();
  }

  private static boolean special(char c) {
    return c == '\\' || c == ';' || c == ',' || c == '\n' || c == '\r';
  }

  private static String rebuild(String text, int from) {
    StringBuilder clean = new StringBuilder(text.length()).append(text, 0, from);
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r') {
        clean.append('\n');
        if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
      } else if (Character.isSurrogate(c)) {
        if (pairAt(text, i)) {
          clean.append(c).append(text.charAt(++i));
        } else {
          clean.append('\uFFFD');
        }
      } else if (!forbidden(c)) {
        clean.append(c);
      }
    }
    return clean.toString();
  }

  private static boolean pairAt(String text, int i) {
    return Character.isHighSurrogate(text.charAt(i))
        && i + 1 < text.length()
        && Character.isLowSurrogate(text.charAt(i + 1));
  }

  private static boolean forbidden(char c) {
    return (c < 0x20 && c != '\t' && c != '\n') || c == 0x7F;
  }
}

package io.taskoverflow.generator;

import java.util.Random;

/** Random text made of what breaks calendar writers: wide characters, escapes, line breaks. */
final class AwkwardText {

  private static final String[] PIECES = {
    "a", "Z", "7", " ", ",", ";", "\\", ":", "\"", "\n", "\r\n", "\r", "é", "ß", "Ω", "中", "文",
    "日本", "한", "😀", "🎉", "👩‍💻", "🇪🇸", "e\u0301", "\\n", "\\,", "\t"
  };

  private final Random random;

  AwkwardText(Random random) {
    this.random = random;
  }

  /** Up to maxCodePoints code points (the database's varchar limit counts code points). */
  String next(int maxCodePoints) {
    int target = 1 + random.nextInt(maxCodePoints);
    StringBuilder text = new StringBuilder();
    while (true) {
      String piece = PIECES[random.nextInt(PIECES.length)];
      int length = text.codePointCount(0, text.length()) + piece.codePointCount(0, piece.length());
      if (length > target) {
        return text.isEmpty() ? "x" : text.toString();
      }
      text.append(piece);
    }
  }

  /** A string of the widest characters, exactly this many code points. */
  static String wide(int codePoints, String character) {
    return character.repeat(codePoints);
  }

  /** What an RFC 5545 reader gets back: every line break is one LF. */
  static String afterRoundTrip(String text) {
    return text.replace("\r\n", "\n").replace('\r', '\n');
  }

  /**
   * What ical4j 4.4.0 reads back, quirks included: its parser drops spaces and tabs at either end
   * of a value, and its unescaping (three regex passes) turns a backslash followed by a line break,
   * correctly written as {@code \\\n}, into a backslash, a backslash and an n. The strict reader in
   * {@link IcsLines} checks those bytes exactly.
   */
  static String asIcal4jReadsIt(String text) {
    return afterRoundTrip(text).replace("\\\n", "\\\\n").replaceAll("^[ \t]+|[ \t]+\\z", "");
  }
}

package io.taskoverflow.api.web;

/**
 * Whether text shows anything. {@link String#isBlank} knows only the whitespace Java calls
 * whitespace, so a title of no-break spaces (U+00A0), zero-width spaces (U+200B) or other invisible
 * characters would pass as non-blank and show as an empty line.
 */
final class VisibleText {

  private VisibleText() {}

  /** True when every code point is a space, a control or format character, or a filler. */
  static boolean isBlank(String value) {
    return value.codePoints().allMatch(VisibleText::isInvisible);
  }

  private static boolean isInvisible(int codePoint) {
    if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)) {
      return true; // includes NBSP, figure space, narrow NBSP, ideographic space
    }
    return switch (Character.getType(codePoint)) {
      // ZWSP, ZWJ/ZWNJ, word joiner, BOM, soft hyphen, bidi marks; C0/C1 controls
      case Character.FORMAT, Character.CONTROL -> true;
      default -> isFiller(codePoint);
    };
  }

  // Letters by category, yet drawn as nothing: Hangul fillers, braille blank, Mongolian vowel sep.
  private static boolean isFiller(int codePoint) {
    return switch (codePoint) {
      case 0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800, 0x180E -> true;
      default -> false;
    };
  }
}

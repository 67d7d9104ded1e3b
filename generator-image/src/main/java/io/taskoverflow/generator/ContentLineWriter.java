package io.taskoverflow.generator;

import java.io.IOException;
import java.io.OutputStream;
import net.fortuna.ical4j.model.Content;

/**
 * Streams the content lines ical4j produces (escaped, unfolded) as UTF-8, folded so no physical
 * line exceeds 75 octets, a fold never splitting a UTF-8 sequence nor an escape pair, every line
 * ending in CRLF. ical4j's own FoldingWriter counts chars, not octets, hence this writer.
 */
final class ContentLineWriter {

  /** RFC 5545 §3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break. */
  static final int MAX_LINE_OCTETS = 75;

  private final OutputStream out;
  private final byte[] buffer = new byte[16 * 1024];
  private int count;
  private int lineOctets;

  ContentLineWriter(OutputStream out) {
    this.out = out;
  }

  /** A property or a whole component, as ical4j serialises it. */
  void write(Content content) throws IOException {
    write(content.toString());
  }

  /**
   * Content lines, each ended by CRLF (a missing last one is added). A bare CR or LF is refused: in
   * a value it must have been escaped, and written raw it would end the line early.
   */
  void write(String contentLines) throws IOException {
    int length = contentLines.length();
    for (int i = 0; i < length; i++) {
      char c = contentLines.charAt(i);
      if (c == '\r' && i + 1 < length && contentLines.charAt(i + 1) == '\n') {
        endLine();
        i++;
      } else if (c == '\r' || c == '\n') {
        throw new IllegalArgumentException("a bare line break in content lines: " + contentLines);
      } else if (c == '\\' && i + 1 < length && isEscaped(contentLines.charAt(i + 1))) {
        unit(2);
        buffer[count++] = '\\';
        buffer[count++] = (byte) contentLines.charAt(++i);
      } else if (c < 0x80) {
        unit(1);
        buffer[count++] = (byte) c;
      } else {
        i = appendNonAscii(contentLines, i, c);
      }
    }
    if (lineOctets > 0) {
      endLine();
    }
  }

  void flush() throws IOException {
    out.write(buffer, 0, count);
    count = 0;
    out.flush();
  }

  private static boolean isEscaped(char c) {
    return c == '\\' || c == ';' || c == ',' || c == 'n' || c == 'N';
  }

  /** Returns the index of the last char consumed (two for a surrogate pair). */
  private int appendNonAscii(String value, int i, char c) throws IOException {
    if (c < 0x800) {
      unit(2);
      buffer[count++] = (byte) (0xC0 | (c >> 6));
      buffer[count++] = (byte) (0x80 | (c & 0x3F));
    } else if (Character.isHighSurrogate(c)
        && i + 1 < value.length()
        && Character.isLowSurrogate(value.charAt(i + 1))) {
      int codePoint = Character.toCodePoint(c, value.charAt(++i));
      unit(4);
      buffer[count++] = (byte) (0xF0 | (codePoint >> 18));
      buffer[count++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
      buffer[count++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
      buffer[count++] = (byte) (0x80 | (codePoint & 0x3F));
    } else {
      // A lone surrogate has no UTF-8 form; U+FFFD says something was there.
      char bmp = Character.isSurrogate(c) ? '\uFFFD' : c;
      unit(3);
      buffer[count++] = (byte) (0xE0 | (bmp >> 12));
      buffer[count++] = (byte) (0x80 | ((bmp >> 6) & 0x3F));
      buffer[count++] = (byte) (0x80 | (bmp & 0x3F));
    }
    return i;
  }

  private void endLine() throws IOException {
    ensureCapacity(2);
    buffer[count++] = '\r';
    buffer[count++] = '\n';
    lineOctets = 0;
  }

  /** Makes room for an indivisible unit of octets, folding first when it would not fit the line. */
  private void unit(int octets) throws IOException {
    ensureCapacity(octets + 3);
    if (lineOctets + octets > MAX_LINE_OCTETS) {
      buffer[count++] = '\r';
      buffer[count++] = '\n';
      buffer[count++] = ' ';
      lineOctets = 1;
    }
    lineOctets += octets;
  }

  private void ensureCapacity(int octets) throws IOException {
    if (count + octets > buffer.length) {
      out.write(buffer, 0, count);
      count = 0;
    }
  }
}

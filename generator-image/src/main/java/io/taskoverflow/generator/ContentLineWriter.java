package io.taskoverflow.generator;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes RFC 5545 content lines as UTF-8 straight to a stream: CRLF line ends, lines folded so no
 * physical line exceeds 75 octets, a fold never splitting a UTF-8 sequence nor an escape pair, and
 * TEXT values escaped on the way. It encodes by hand because ical4j's FoldingWriter counts chars,
 * not octets, and because one pass over each value keeps a million components cheap.
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

  /** A property whose value needs no escaping: names, dates, UIDs, enumerated values. */
  void property(String name, String value) throws IOException {
    startLine(name);
    append(value, false);
    endLine();
  }

  /** A property of value type TEXT (RFC 5545 §3.3.11), escaped as it is written. */
  void textProperty(String name, String text) throws IOException {
    startLine(name);
    append(text, true);
    endLine();
  }

  void flush() throws IOException {
    out.write(buffer, 0, count);
    count = 0;
    out.flush();
  }

  private void startLine(String name) throws IOException {
    lineOctets = 0;
    append(name, false);
    ascii(':');
  }

  private void endLine() throws IOException {
    ensureCapacity(2);
    buffer[count++] = '\r';
    buffer[count++] = '\n';
  }

  private void append(String value, boolean escapeText) throws IOException {
    int length = value.length();
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c < 0x80) {
        if (escapeText) {
          i = appendTextAscii(value, i, c);
        } else {
          ascii(c);
        }
      } else if (c < 0x800) {
        unit(2);
        buffer[count++] = (byte) (0xC0 | (c >> 6));
        buffer[count++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < length
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
    }
  }

  /** Returns the index of the last char consumed (a CR LF pair is consumed as one newline). */
  private int appendTextAscii(String value, int i, char c) throws IOException {
    switch (c) {
      case '\\', ';', ',' -> escaped(c);
      case '\r' -> {
        escaped('n');
        if (i + 1 < value.length() && value.charAt(i + 1) == '\n') {
          return i + 1;
        }
      }
      case '\n' -> escaped('n');
      case '\t' -> ascii(c);
      default -> {
        // TEXT allows no other control characters (RFC 5545 §3.3.11); they are dropped.
        if (c >= 0x20 && c != 0x7F) {
          ascii(c);
        }
      }
    }
    return i;
  }

  private void escaped(char c) throws IOException {
    unit(2);
    buffer[count++] = '\\';
    buffer[count++] = (byte) c;
  }

  private void ascii(char c) throws IOException {
    unit(1);
    buffer[count++] = (byte) c;
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

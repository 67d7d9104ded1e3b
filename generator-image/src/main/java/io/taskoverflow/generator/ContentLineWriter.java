package io.taskoverflow.generator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import net.fortuna.ical4j.model.Encodable;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.property.XProperty;

/**
 * Streams content lines (escaped, unfolded) as UTF-8, folded so no physical line exceeds 75 octets,
 * a fold never splitting a UTF-8 sequence nor an escape pair, every line ending in CRLF. ical4j's
 * own FoldingWriter counts chars, not octets, hence this writer.
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

  /**
   * A property, the same content line as ical4j's {@code toString()}. A plain TEXT property (no
   * parameters) is escaped here in one pass: ical4j runs three regular expressions over every
   * value, which was half of a big export's time.
   */
  void write(Property property) throws IOException {
    boolean plainText =
        property instanceof Encodable
            && !(property instanceof XProperty)
            && property.getParameters().isEmpty();
    if (!plainText) {
      write(property.toString());
      return;
    }
    append(property.getName());
    append(":");
    append(IcsText.escape(property.getValue()));
    endLine();
  }

  /**
   * Content lines, each ended by CRLF (a missing last one is added). A bare CR or LF is refused: in
   * a value it must have been escaped, and written raw it would end the line early.
   */
  void write(String contentLines) throws IOException {
    append(contentLines);
    if (lineOctets > 0) {
      endLine();
    }
  }

  void flush() throws IOException {
    out.write(buffer, 0, count);
    count = 0;
    out.flush();
  }

  /** Content as it is, continuing the current line; CRLFs in it end lines. */
  private void append(String contentLines) throws IOException {
    // The JDK's encoder is the fastest way to UTF-8; folding then works on whole sequences.
    byte[] utf8 = contentLines.getBytes(StandardCharsets.UTF_8);
    int length = utf8.length;
    for (int i = 0; i < length; i++) {
      byte b = utf8[i];
      if (plain(b)) {
        // The common case: copy the run of plain ASCII that fits the line and the buffer at once.
        int room = Math.min(MAX_LINE_OCTETS - lineOctets, buffer.length - count);
        int end = i;
        while (end < length && end - i < room && plain(utf8[end])) {
          end++;
        }
        if (end > i) {
          System.arraycopy(utf8, i, buffer, count, end - i);
          count += end - i;
          lineOctets += end - i;
          i = end - 1;
        } else {
          unit(utf8, i, 1);
        }
      } else if (b == '\r' && i + 1 < length && utf8[i + 1] == '\n') {
        endLine();
        i++;
      } else if (b == '\r' || b == '\n') {
        throw new IllegalArgumentException("a bare line break in content lines: " + contentLines);
      } else if (b == '\\' && i + 1 < length && isEscaped(utf8[i + 1])) {
        i += unit(utf8, i, 2) - 1;
      } else {
        i += unit(utf8, i, sequenceLength(b)) - 1;
      }
    }
  }

  /** Printable ASCII other than the backslash, which may start an escape pair. */
  private static boolean plain(byte b) {
    return b >= ' ' && b != '\\' && b != 0x7F;
  }

  private static boolean isEscaped(byte b) {
    return b == '\\' || b == ';' || b == ',' || b == 'n' || b == 'N';
  }

  /** Octets in the UTF-8 sequence a byte starts; 1 for ASCII (and for stray continuation bytes). */
  private static int sequenceLength(byte lead) {
    if ((lead & 0xE0) == 0xC0) {
      return 2;
    }
    if ((lead & 0xF0) == 0xE0) {
      return 3;
    }
    return (lead & 0xF8) == 0xF0 ? 4 : 1;
  }

  private void endLine() throws IOException {
    ensureCapacity(2);
    buffer[count++] = '\r';
    buffer[count++] = '\n';
    lineOctets = 0;
  }

  /**
   * Copies an indivisible unit of octets, folding first when it would not fit the line; returns how
   * many octets it took.
   */
  private int unit(byte[] source, int offset, int octets) throws IOException {
    ensureCapacity(octets + 3);
    if (lineOctets + octets > MAX_LINE_OCTETS) {
      buffer[count++] = '\r';
      buffer[count++] = '\n';
      buffer[count++] = ' ';
      lineOctets = 1;
    }
    System.arraycopy(source, offset, buffer, count, octets);
    count += octets;
    lineOctets += octets;
    return octets;
  }

  private void ensureCapacity(int octets) throws IOException {
    if (count + octets > buffer.length) {
      out.write(buffer, 0, count);
      count = 0;
    }
  }
}

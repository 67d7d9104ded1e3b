package io.taskoverflow.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helpers that look at calendar bytes the way a strict RFC 5545 reader would. */
final class IcsLines {

  private IcsLines() {}

  /**
   * Splits on CRLF, asserting along the way that every line ends in CRLF, no bare CR or LF occurs,
   * no line exceeds 75 octets, and each physical line is valid UTF-8 on its own (so no fold split a
   * character).
   */
  static List<String> physicalLines(byte[] ics) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < ics.length; i++) {
      if (ics[i] == '\r') {
        assertThat(i + 1 < ics.length && ics[i + 1] == '\n')
            .as("CR at %d followed by LF", i)
            .isTrue();
        assertThat(i - start).as("octets in line %d", lines.size()).isLessThanOrEqualTo(75);
        lines.add(strictUtf8(ics, start, i - start));
        start = i + 2;
        i++;
      } else {
        assertThat(ics[i]).as("bare LF at %d", i).isNotEqualTo((byte) '\n');
      }
    }
    assertThat(start).as("the last line ends with CRLF").isEqualTo(ics.length);
    return lines;
  }

  /**
   * The calendar's exact bytes (as ISO-8859-1, one char per octet) without its DTSTAMP lines, the
   * one property that says when a calendar was made rather than what it holds.
   */
  static String withoutDtstamp(byte[] ics) {
    physicalLines(ics);
    String octets = new String(ics, StandardCharsets.ISO_8859_1);
    assertThat(octets).contains("\r\nDTSTAMP:");
    return octets.replaceAll("\r\nDTSTAMP:[^\r]*", "");
  }

  /** Joins folded lines back into content lines (RFC 5545 §3.1). */
  static List<String> contentLines(byte[] ics) {
    List<String> unfolded = new ArrayList<>();
    for (String line : physicalLines(ics)) {
      if (line.startsWith(" ")) {
        int last = unfolded.size() - 1;
        unfolded.set(last, unfolded.get(last) + line.substring(1));
      } else {
        unfolded.add(line);
      }
    }
    return unfolded;
  }

  /**
   * The components of the given type as property name → value maps, TEXT values unescaped per RFC
   * 5545 §3.3.11: an independent strict reader next to ical4j.
   */
  static List<Map<String, String>> components(byte[] ics, String type) {
    List<Map<String, String>> components = new ArrayList<>();
    Map<String, String> current = null;
    for (String line : contentLines(ics)) {
      int colon = line.indexOf(':');
      String name = line.substring(0, colon);
      String value = line.substring(colon + 1);
      if (line.equals("BEGIN:" + type)) {
        current = new LinkedHashMap<>();
      } else if (line.equals("END:" + type)) {
        components.add(current);
        current = null;
      } else if (current != null) {
        assertThat(current).as("%s appears once", name).doesNotContainKey(name);
        current.put(name, unescapeText(value));
      }
    }
    return components;
  }

  static String unescapeText(String escaped) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < escaped.length(); i++) {
      char c = escaped.charAt(i);
      if (c != '\\') {
        assertThat(c).as("unescaped special in %s", escaped).isNotIn(';', ',');
        text.append(c);
        continue;
      }
      char next = escaped.charAt(++i);
      switch (next) {
        case '\\', ';', ',' -> text.append(next);
        case 'n', 'N' -> text.append('\n');
        default -> throw new AssertionError("invalid escape \\" + next + " in " + escaped);
      }
    }
    return text.toString();
  }

  private static String strictUtf8(byte[] bytes, int offset, int length) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, offset, length))
          .toString();
    } catch (CharacterCodingException e) {
      throw new AssertionError(
          "a physical line is not valid UTF-8 on its own: a fold split a character", e);
    }
  }
}

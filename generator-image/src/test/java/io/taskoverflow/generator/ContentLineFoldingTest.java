package io.taskoverflow.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.Summary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContentLineFoldingTest {

  @Test
  void aLineOfExactly75OctetsIsNotFolded() throws IOException {
    byte[] ics = write("SUMMARY", "x".repeat(75 - "SUMMARY:".length()));

    assertThat(new String(ics, StandardCharsets.US_ASCII))
        .isEqualTo("SUMMARY:" + "x".repeat(67) + "\r\n");
  }

  @Test
  void a76thOctetStartsAContinuationLine() throws IOException {
    byte[] ics = write("SUMMARY", "x".repeat(68));

    assertThat(new String(ics, StandardCharsets.US_ASCII))
        .isEqualTo("SUMMARY:" + "x".repeat(67) + "\r\n x\r\n");
  }

  @Test
  void continuationLinesCarry74OctetsAfterTheirSpace() throws IOException {
    List<String> lines = IcsLines.physicalLines(write("SUMMARY", "x".repeat(300)));

    assertThat(lines.subList(1, lines.size() - 1))
        .allSatisfy(line -> assertThat(line).hasSize(75).startsWith(" x"));
  }

  /** Two-, three- and four-octet characters after every possible number of ASCII octets. */
  @ParameterizedTest
  @ValueSource(strings = {"é", "中", "😀", "👩‍💻", "e\u0301"})
  void multiByteCharactersAtEveryFoldPositionAreNeverSplit(String wide) throws IOException {
    for (int prefix = 0; prefix <= 160; prefix++) {
      String value = "a".repeat(prefix) + wide.repeat(40) + "z";

      byte[] ics = write("DESCRIPTION", value);

      List<String> physical = IcsLines.physicalLines(ics);
      assertThat(physical)
          .allSatisfy(
              line ->
                  assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75));
      assertThat(IcsLines.contentLines(ics)).containsExactly("DESCRIPTION:" + value);
    }
  }

  @Test
  void linesAreFilledAsFarAsAWholeCharacterAllows() throws IOException {
    // "SUMMARY:" is 8 octets; 22 CJK characters take 66 more (74), the 23rd would make 77.
    List<String> lines = IcsLines.physicalLines(write("SUMMARY", "中".repeat(30)));

    assertThat(lines.get(0)).isEqualTo("SUMMARY:" + "中".repeat(22));
    assertThat(lines.get(1)).isEqualTo(" " + "中".repeat(8));
  }

  @Test
  void anEscapePairIsNeverSplitByAFold() throws IOException {
    for (int prefix = 0; prefix < 80; prefix++) {
      List<String> lines = IcsLines.physicalLines(write("SUMMARY", "a".repeat(prefix) + ",,,,"));

      assertThat(lines).noneMatch(line -> line.endsWith("\\"));
    }
  }

  @Test
  void outputUsesCrlfOnlyEvenForValuesWithNewlines() throws IOException {
    byte[] ics = write("DESCRIPTION", "one\ntwo\r\nthree\rfour " + "長".repeat(50));

    // physicalLines asserts CRLF-only line ends.
    assertThat(IcsLines.contentLines(ics))
        .containsExactly("DESCRIPTION:one\\ntwo\\nthree\\nfour " + "長".repeat(50));
  }

  @Test
  void aBareLineBreakInAContentLineIsRefused() {
    for (String bare : List.of("SUMMARY:a\rb\r\n", "SUMMARY:a\nb\r\n", "SUMMARY:a\r")) {
      ContentLineWriter writer = new ContentLineWriter(new ByteArrayOutputStream());

      assertThatThrownBy(() -> writer.write(bare)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void aMissingFinalCrlfIsAdded() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ContentLineWriter writer = new ContentLineWriter(out);
    writer.write("BEGIN:VCALENDAR\r\nVERSION:2.0");
    writer.flush();

    assertThat(out.toString(StandardCharsets.US_ASCII))
        .isEqualTo("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n");
  }

  /**
   * A TEXT property the way the calendar writer makes one: cleaned, built and escaped by ical4j.
   */
  static byte[] write(String name, String text) throws IOException {
    Property property =
        switch (name) {
          case "SUMMARY" -> new Summary(IcsText.clean(text));
          case "DESCRIPTION" -> new Description(IcsText.clean(text));
          default -> throw new IllegalArgumentException(name);
        };
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ContentLineWriter writer = new ContentLineWriter(out);
    writer.write(property);
    writer.flush();
    return out.toByteArray();
  }
}

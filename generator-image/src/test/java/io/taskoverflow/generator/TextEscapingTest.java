package io.taskoverflow.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TextEscapingTest {

  static Stream<Arguments> escapedTexts() {
    return Stream.of(
        argumentSet(
            "backslash, semicolon and comma are escaped", "a\\b;c,d", "SUMMARY:a\\\\b\\;c\\,d\r\n"),
        argumentSet(
            "LF, CRLF and a lone CR all become one escaped newline",
            "1\n2\r\n3\r4\n\n5",
            "SUMMARY:1\\n2\\n3\\n4\\n\\n5\r\n"),
        argumentSet(
            "colons, quotes and tabs stay as they are", "a:b \"c\"\td", "SUMMARY:a:b \"c\"\td\r\n"),
        argumentSet(
            "control characters TEXT may not hold are dropped",
            "a\u0000b\u0007c\u001Fd\u007Fe",
            "SUMMARY:abcde\r\n"),
        argumentSet(
            "leading and trailing whitespace is kept", "  padded\t ", "SUMMARY:  padded\t \r\n"),
        argumentSet(
            "a lone surrogate becomes the replacement character",
            "a\uD800b",
            "SUMMARY:a\uFFFDb\r\n"));
  }

  @ParameterizedTest
  @MethodSource("escapedTexts")
  void textValuesAreWrittenEscaped(String value, String written) throws IOException {
    assertThat(text(value)).isEqualTo(written);
  }

  /** Content lines, escaped already, pass through: the writer never escapes twice. */
  @Test
  void nonTextPropertiesAreWrittenVerbatim() throws IOException {
    assertThat(written(writer -> writer.write("PRODID:-//A,B;C//EN\r\n")))
        .isEqualTo("PRODID:-//A,B;C//EN\r\n");
  }

  /**
   * The writer escapes plain TEXT properties itself, in one pass; what it writes must be exactly
   * ical4j's own serialisation of the property.
   */
  @Test
  void textPropertiesComeOutAsIcal4jSerialisesThem() throws IOException {
    AwkwardText text = new AwkwardText(new Random(5));
    for (int i = 0; i < 2_000; i++) {
      String value = IcsText.clean(text.next(120));
      for (Property property :
          List.of(new Summary(value), new Description(value), new Uid(value))) {
        assertThat(written(writer -> writer.write(property)))
            .as("%s of %s", property.getName(), value)
            .isEqualTo(written(writer -> writer.write(property.toString())));
      }
    }
  }

  private interface Writing {
    void to(ContentLineWriter writer) throws IOException;
  }

  private static String written(Writing writing) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ContentLineWriter writer = new ContentLineWriter(out);
    writing.to(writer);
    writer.flush();
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String text(String value) throws IOException {
    return new String(ContentLineFoldingTest.write("SUMMARY", value), StandardCharsets.UTF_8);
  }
}

package io.taskoverflow.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextEscapingTest {

  @Test
  void backslashSemicolonAndCommaAreEscaped() throws IOException {
    assertThat(text("a\\b;c,d")).isEqualTo("SUMMARY:a\\\\b\\;c\\,d\r\n");
  }

  @Test
  void lfCrlfAndLoneCrAllBecomeOneEscapedNewline() throws IOException {
    assertThat(text("1\n2\r\n3\r4\n\n5")).isEqualTo("SUMMARY:1\\n2\\n3\\n4\\n\\n5\r\n");
  }

  @Test
  void colonsQuotesAndTabsStayAsTheyAre() throws IOException {
    assertThat(text("a:b \"c\"\td")).isEqualTo("SUMMARY:a:b \"c\"\td\r\n");
  }

  @Test
  void controlCharactersTextMayNotHoldAreDropped() throws IOException {
    assertThat(text("a\u0000b\u0007c\u001Fd\u007Fe")).isEqualTo("SUMMARY:abcde\r\n");
  }

  @Test
  void leadingAndTrailingWhitespaceIsKept() throws IOException {
    assertThat(text("  padded\t ")).isEqualTo("SUMMARY:  padded\t \r\n");
  }

  /** Escaping is ical4j's: the writer passes content lines through, never escaping twice. */
  @Test
  void nonTextPropertiesAreWrittenVerbatim() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ContentLineWriter writer = new ContentLineWriter(out);
    writer.write("PRODID:-//A,B;C//EN\r\n");
    writer.flush();

    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("PRODID:-//A,B;C//EN\r\n");
  }

  @Test
  void aLoneSurrogateBecomesTheReplacementCharacter() throws IOException {
    assertThat(text("a\uD800b")).isEqualTo("SUMMARY:a\uFFFDb\r\n");
  }

  private static String text(String value) throws IOException {
    return new String(ContentLineFoldingTest.write("SUMMARY", value), StandardCharsets.UTF_8);
  }
}

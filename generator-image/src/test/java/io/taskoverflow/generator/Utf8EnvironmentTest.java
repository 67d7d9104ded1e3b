package io.taskoverflow.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8EnvironmentTest {

  @Test
  void entriesAreDecodedAsUtf8AndSplitAtTheFirstEquals() throws Exception {
    byte[] environ =
        "CALENDAR_NAME=Café 日本 😀\0EMPTY=\0FORMULA=a=b\0\0NOT_AN_ENTRY\0"
            .getBytes(StandardCharsets.UTF_8);

    assertThat(Utf8Environment.parse(environ))
        .containsEntry("CALENDAR_NAME", "Café 日本 😀")
        .containsEntry("EMPTY", "")
        .containsEntry("FORMULA", "a=b")
        .hasSize(3);
  }

  @Test
  void bytesThatAreNotUtf8AreRefusedRatherThanReplaced() {
    byte[] latin1 = "NAME=Caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);

    assertThatThrownBy(() -> Utf8Environment.parse(latin1))
        .isInstanceOf(CharacterCodingException.class);
  }

  @Test
  void thisProcessesEnvironmentReadsLikeTheJvmsForAsciiValues() {
    assertThat(Utf8Environment.read()).containsEntry("PATH", System.getenv("PATH"));
  }
}

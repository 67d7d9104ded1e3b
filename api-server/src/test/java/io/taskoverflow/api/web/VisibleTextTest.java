package io.taskoverflow.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VisibleTextTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " \t\n",
        "\u00a0", // no-break space
        "\u2007\u202f", // figure space, narrow no-break space
        "\u3000", // ideographic space
        "\u200b\u200c\u200d\u2060", // zero-width space, non-joiner, joiner, word joiner
        "\ufeff", // byte order mark
        "\u00ad", // soft hyphen
        "\u200e\u202e", // bidi marks
        "\u3164\u115f", // Hangul fillers
        "\u2800", // braille blank
        "\u0085\u001f" // controls
      })
  void invisibleTextIsBlank(String text) {
    assertThat(VisibleText.isBlank(text)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "\u00a0a\u00a0", "日本語", "😀", "\u200b.", "ـ"})
  void textWithAnythingVisibleIsNotBlank(String text) {
    assertThat(VisibleText.isBlank(text)).isFalse();
  }
}

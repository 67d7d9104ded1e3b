package io.taskoverflow.api.export;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EntityTagsTest {

  @Test
  void theQuotedTagMatches() {
    assertThat(EntityTags.matches("\"abc\"", "abc")).isTrue();
  }

  @Test
  void aTagInAListOrWeakOrStarMatches() {
    assertThat(EntityTags.matches("\"x\", \"abc\"", "abc")).isTrue();
    assertThat(EntityTags.matches("W/\"abc\"", "abc")).isTrue();
    assertThat(EntityTags.matches("*", "abc")).isTrue();
  }

  @Test
  void otherOrUnquotedOrMissingTagsDoNotMatch() {
    assertThat(EntityTags.matches("\"abd\"", "abc")).isFalse();
    assertThat(EntityTags.matches("abc", "abc")).isFalse();
    assertThat(EntityTags.matches(null, "abc")).isFalse();
    assertThat(EntityTags.matches("", "abc")).isFalse();
  }
}

package io.taskoverflow.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiTokensTest {

  @Test
  void tokensAreSplitByLinesCommasAndSpacesAndCommentsAreSkipped() {
    assertThat(ApiTokens.split("# team tokens\n a-token , b-token\nc-token d-token\n\n"))
        .containsExactly("a-token", "b-token", "c-token", "d-token");
  }

  @Test
  void onlyAnExactTokenIsAccepted() {
    ApiTokens tokens = ApiTokens.parse("secret-token-0123456789\nother-token-9876543210");

    assertThat(tokens.accepts("secret-token-0123456789")).isTrue();
    assertThat(tokens.accepts("other-token-9876543210")).isTrue();
    assertThat(tokens.accepts("secret-token-012345678")).isFalse();
    assertThat(tokens.accepts("secret-token-01234567890")).isFalse();
    assertThat(tokens.accepts("SECRET-TOKEN-0123456789")).isFalse();
    assertThat(tokens.accepts("")).isFalse();
  }

  @Test
  void withoutTokensAuthenticationIsOffAndNothingIsAccepted() {
    assertThat(ApiTokens.none().enabled()).isFalse();
    assertThat(ApiTokens.none().accepts("")).isFalse();
    assertThat(ApiTokens.parse("# nothing\n").enabled()).isFalse();
  }

  @Test
  void theDescriptionNamesHowManyTokensButNotThem() {
    assertThat(ApiTokens.parse("secret-token-0123456789").toString())
        .isEqualTo("1 API token(s)")
        .doesNotContain("secret");
  }
}

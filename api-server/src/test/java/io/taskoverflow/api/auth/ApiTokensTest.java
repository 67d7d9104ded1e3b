package io.taskoverflow.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiTokensTest {

  @Test
  void tokensAreSplitByLinesCommasAndSpacesAndCommentsAreSkipped() {
    assertThat(ApiTokens.split("# team tokens\n a-token , b-token\nc-token d-token\n\n"))
        .containsExactly("a-token", "b-token", "c-token", "d-token");
  }

  @ParameterizedTest(name = "\"{0}\" accepted: {1}")
  @CsvSource({
    "secret-token-0123456789,  true",
    "other-token-9876543210,   true",
    "secret-token-012345678,   false",
    "secret-token-01234567890, false",
    "SECRET-TOKEN-0123456789,  false",
    "'',                       false",
  })
  void onlyAnExactTokenIsAccepted(String token, boolean accepted) {
    ApiTokens tokens = ApiTokens.parse("secret-token-0123456789\nother-token-9876543210");

    assertThat(tokens.accepts(token)).isEqualTo(accepted);
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

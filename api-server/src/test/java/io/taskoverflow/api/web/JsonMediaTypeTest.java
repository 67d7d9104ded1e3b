package io.taskoverflow.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonMediaTypeTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/json",
        "APPLICATION/JSON",
        "application/json; charset=utf-8",
        "application/json;charset=UTF-8",
        "application/json; charset=\"utf-8\"",
        "application/json; charset=utf8",
      })
  void jsonInUtf8IsAccepted(String contentType) {
    assertThatCode(() -> JsonMediaType.require(contentType)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "text/plain",
        "text/plain; charset=utf-8",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/json-patch+json",
        "application/jsonx",
        "application/json; charset=iso-8859-1",
        "application/json; charset=utf-16",
      })
  void anythingElseIs415(String contentType) {
    assertThatThrownBy(() -> JsonMediaType.require(contentType))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(415));
  }

  @ParameterizedTest
  @ValueSource(strings = {"x"})
  void noContentTypeIs415(String ignored) {
    assertThatThrownBy(() -> JsonMediaType.require(null))
        .hasMessageContaining("the request has none");
  }
}

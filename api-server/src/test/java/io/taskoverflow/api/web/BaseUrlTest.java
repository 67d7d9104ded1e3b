package io.taskoverflow.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BaseUrlTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "localhost",
        "localhost:6400",
        "todo.example.com",
        "todo.example.com.",
        "10.0.0.1:80",
        "[::1]",
        "[2001:db8::1]:8443",
        "xn--bcher-kva.example"
      })
  void wellFormedHostsAreTaken(String host) {
    assertThat(BaseUrl.isHost(host)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "evil.example/path",
        "evil.example@good.example",
        "javascript:alert(1)",
        "host:port",
        "-leading.example",
        "a..b",
        "exa mple.com",
        "example.com:123456",
        "[::1",
        "evil.example\r\nSet-Cookie: x"
      })
  void anythingElseIsNot(String host) {
    assertThat(BaseUrl.isHost(host)).isFalse();
  }
}

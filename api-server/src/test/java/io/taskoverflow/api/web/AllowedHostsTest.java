package io.taskoverflow.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AllowedHostsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "localhost",
        "localhost:6400",
        "LocalHost:6400",
        "localhost.:6400",
        "127.0.0.1:6400",
        "[::1]",
        "[::1]:6400",
        "[0:0:0:0:0:0:0:1]:6400",
        "[0::1]",
      })
  void theDefaultsAllowLoopbackOnAnyPort(String host) {
    assertThat(AllowedHosts.DEFAULT.allows(host)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "evil.example:6401",
        "evil.example",
        "localhost.evil.example",
        "127.0.0.1.evil.example",
        "127.0.0.2:6400",
        "[::2]:6400",
        "[::ffff:127.0.0.1]",
        "0.0.0.0:6400",
        "",
        "localhost@evil.example",
      })
  void theDefaultsRefuseEveryOtherName(String host) {
    assertThat(AllowedHosts.DEFAULT.allows(host)).isFalse();
  }

  @Test
  void portsAndCaseDoNotMatterInTheListEither() {
    AllowedHosts hosts = AllowedHosts.parse(" Todo.Example.COM,[0:0::1]\nlocalhost ");
    assertThat(hosts.allows("todo.example.com:443")).isTrue();
    assertThat(hosts.allows("TODO.EXAMPLE.COM.")).isTrue();
    assertThat(hosts.allows("[::1]:1")).isTrue();
    assertThat(hosts.allows("127.0.0.1")).isFalse();
    assertThat(hosts).isEqualTo(AllowedHosts.parse("localhost,todo.example.com,[::1]"));
  }

  @ParameterizedTest(name = "{0} allows {1}: {2}")
  @CsvSource({
    "*.elb.amazonaws.com, internal-k8s-x-123.eu-west-1.elb.amazonaws.com, true",
    "*.elb.amazonaws.com, a.ELB.amazonaws.com:80,                         true",
    "*.elb.amazonaws.com, elb.amazonaws.com,                              false",
    "*.elb.amazonaws.com, evilelb.amazonaws.com,                          false",
    "*.elb.amazonaws.com, elb.amazonaws.com.evil.example,                 false",
    "*.elb.amazonaws.com, a..elb.amazonaws.com,                           false",
    "*,                   anything.example:1,                             true",
  })
  void aWildcardAllowsTheNamesBelowADomainOnly(String list, String host, boolean allowed) {
    assertThat(AllowedHosts.parse(list).allows(host)).isEqualTo(allowed);
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost:6400", "evil.example/x", "*.[::1]", "*example.com", ",", ""})
  void malformedEntriesAreRefused(String list) {
    assertThatThrownBy(() -> AllowedHosts.parse(list)).isInstanceOf(IllegalArgumentException.class);
  }
}

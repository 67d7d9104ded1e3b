package io.taskoverflow.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
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

  @Test
  void aWildcardAllowsTheNamesBelowADomainOnly() {
    AllowedHosts hosts = AllowedHosts.parse("*.elb.amazonaws.com");
    assertThat(hosts.allows("internal-k8s-x-123.eu-west-1.elb.amazonaws.com")).isTrue();
    assertThat(hosts.allows("a.ELB.amazonaws.com:80")).isTrue();
    assertThat(hosts.allows("elb.amazonaws.com")).isFalse();
    assertThat(hosts.allows("evilelb.amazonaws.com")).isFalse();
    assertThat(hosts.allows("elb.amazonaws.com.evil.example")).isFalse();
    assertThat(hosts.allows("a..elb.amazonaws.com")).isFalse();
    assertThat(AllowedHosts.parse("*").allows("anything.example:1")).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost:6400", "evil.example/x", "*.[::1]", "*example.com", ",", ""})
  void malformedEntriesAreRefused(String list) {
    assertThatThrownBy(() -> AllowedHosts.parse(list)).isInstanceOf(IllegalArgumentException.class);
  }
}

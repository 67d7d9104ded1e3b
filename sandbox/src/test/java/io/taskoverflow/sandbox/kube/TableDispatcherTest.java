package io.taskoverflow.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TableDispatcherTest {

  @Test
  void agesAreWrittenLikeKubectlWritesThem() {
    assertThat(TableDispatcher.human(Duration.ofSeconds(42))).isEqualTo("42s");
    assertThat(TableDispatcher.human(Duration.ofSeconds(184))).isEqualTo("3m4s");
    assertThat(TableDispatcher.human(Duration.ofMinutes(17))).isEqualTo("17m");
    assertThat(TableDispatcher.human(Duration.ofMinutes(302))).isEqualTo("5h2m");
    assertThat(TableDispatcher.human(Duration.ofHours(30))).isEqualTo("30h");
    assertThat(TableDispatcher.human(Duration.ofHours(76))).isEqualTo("3d4h");
    assertThat(TableDispatcher.human(Duration.ofDays(12))).isEqualTo("12d");
  }
}

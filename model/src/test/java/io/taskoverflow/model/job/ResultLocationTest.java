package io.taskoverflow.model.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class ResultLocationTest {

  @Test
  void locationNamesTheExportUid() {
    UUID uid = UUID.randomUUID();

    assertThat(ResultLocation.of(uid)).isEqualTo("postgresql:calendar_results/" + uid);
    assertThat(ResultLocation.exportUid(ResultLocation.of(uid))).isEqualTo(uid);
  }

  @Test
  void foreignLocationIsRejected() {
    assertThatThrownBy(() -> ResultLocation.exportUid("s3://bucket/x"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

package io.taskoverflow.operator.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JobNamesTest {

  @Test
  void aShortNameIsUsedAsItIs() {
    assertThat(JobNames.forExport("weekly")).isEqualTo("weekly");
    assertThat(JobNames.forExport("x".repeat(63))).isEqualTo("x".repeat(63));
  }

  @Test
  void aLongNameIsCutToSixtyThreeCharactersWithAHashOfTheWhole() {
    String name = JobNames.forExport("a".repeat(100));

    assertThat(name).hasSizeLessThanOrEqualTo(63).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  }

  @Test
  void longNamesThatShareTheirStartStillGetDifferentJobs() {
    String common = "b".repeat(70);

    assertThat(JobNames.forExport(common + "-one"))
        .isNotEqualTo(JobNames.forExport(common + "-two"));
  }

  @Test
  void theCutNeverLeavesADashBeforeTheHash() {
    String name = JobNames.forExport("c".repeat(51) + "-" + "d".repeat(40));

    assertThat(name).doesNotContain("--");
  }
}

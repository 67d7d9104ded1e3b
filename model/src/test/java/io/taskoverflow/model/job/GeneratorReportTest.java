package io.taskoverflow.model.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeneratorReportTest {

  @Test
  void successSurvivesTheRoundTripAsOneLine() {
    GeneratorReport report = GeneratorReport.success(3, 1, 420, "ab".repeat(32), "here");

    String json = report.toJson();

    assertThat(json).doesNotContain("\n").contains("\"outcome\":\"succeeded\"");
    assertThat(GeneratorReport.parse(json)).isEqualTo(report);
    assertThat(GeneratorReport.parse(json).succeeded()).isTrue();
  }

  /** The wire format is what Jackson's data binding writes, so every reader's parser agrees. */
  @Test
  void theJsonIsWhatJacksonDataBindingWrites() throws Exception {
    ObjectMapper databind =
        new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);
    for (GeneratorReport report :
        List.of(
            GeneratorReport.success(3, 0, 420, "ab".repeat(32), "postgresql://x/calendar_results"),
            GeneratorReport.failure("quote \" backslash \\ newline \n tab \t nul \u0000 é 😀"),
            new GeneratorReport(null, null, null, null, null, null, null))) {
      assertThat(report.toJson()).isEqualTo(databind.writeValueAsString(report));
    }
  }

  @Test
  void failureCarriesItsMessage() {
    GeneratorReport parsed =
        GeneratorReport.parse(GeneratorReport.failure("database unreachable").toJson());

    assertThat(parsed.succeeded()).isFalse();
    assertThat(parsed.error()).isEqualTo("database unreachable");
  }

  @Test
  void anythingElseBecomesAFailureQuotingIt() {
    assertThat(GeneratorReport.parse("OOMKilled").error()).isEqualTo("OOMKilled");
    assertThat(GeneratorReport.parse("{\"x\":1}").succeeded()).isFalse();
    assertThat(GeneratorReport.parse("").error()).contains("no termination message");
  }

  @Test
  void longErrorsAreCutBelowTheKubernetesLimitWithoutBreakingACharacter() {
    String error = GeneratorReport.failure("é".repeat(5000)).error();

    assertThat(error.getBytes(StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(GeneratorReport.MAX_ERROR_BYTES + 3);
    assertThat(error).endsWith("é…").doesNotContain("\uFFFD");
  }
}

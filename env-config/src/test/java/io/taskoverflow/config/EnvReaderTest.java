package io.taskoverflow.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvReaderTest {

  @Test
  void presentValuesAreReadStrippedAndTyped() {
    EnvReader reader =
        new EnvReader(
            "test", Map.of("NAME", " calx ", "COUNT", "7", "FLAG", "TRUE", "PASSWORD", ""));

    assertThat(reader.required("NAME")).isEqualTo("calx");
    assertThat(reader.integer("COUNT", 1, 0, 10)).isEqualTo(7);
    assertThat(reader.bool("FLAG", false)).isTrue();
    assertThat(reader.requiredMayBeEmpty("PASSWORD")).isEmpty();
    reader.failOnProblems();
  }

  @Test
  void absentOrBlankValuesFallBackToTheirDefaults() {
    EnvReader reader = new EnvReader("test", Map.of("BLANK", "  "));

    assertThat(reader.optional("BLANK")).isNull();
    assertThat(reader.text("BLANK", "fallback")).isEqualTo("fallback");
    assertThat(reader.number("ABSENT", 42, 0, 100)).isEqualTo(42);
    assertThat(reader.bool("ABSENT", true)).isTrue();
    reader.failOnProblems();
  }

  @Test
  void everyProblemIsNamedInOneMessage() {
    EnvReader reader =
        new EnvReader("operator", Map.of("PORT", "99999", "COUNT", "seven", "FLAG", "yes"));

    reader.required("GENERATOR_IMAGE");
    reader.requiredMayBeEmpty("DB_PASSWORD");
    reader.integer("PORT", 8080, 0, 65535);
    reader.integer("COUNT", 1, 0, 10);
    reader.bool("FLAG", false);
    reader.problem("JOB_BACKOFF_LIMIT (11) must not exceed its maximum (10)");

    assertThatThrownBy(reader::failOnProblems)
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "Invalid operator configuration: missing required environment variables:"
                + " GENERATOR_IMAGE, DB_PASSWORD; PORT must be an integer from 0 to 65535, got"
                + " '99999'; COUNT must be an integer from 0 to 10, got 'seven'; FLAG must be true"
                + " or false, got 'yes'; JOB_BACKOFF_LIMIT (11) must not exceed its maximum (10)");
  }
}

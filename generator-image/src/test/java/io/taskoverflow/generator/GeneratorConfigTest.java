package io.taskoverflow.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskoverflow.config.InvalidConfigurationException;
import io.taskoverflow.model.spec.CalendarComponent;
import io.taskoverflow.model.spec.CalendarExportSpec;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GeneratorConfigTest {

  private static final String UID = "7f8e4f0c-1f7d-4a5e-9a39-2d0f6c1b8e11";

  static Map<String, String> validEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("DB_URL", "jdbc:postgresql://db:5432/todos");
    env.put("DB_USER", "todo");
    env.put("DB_PASSWORD", "s3cret");
    env.put("EXPORT_NAME", "weekly");
    env.put("EXPORT_NAMESPACE", "team-a");
    env.put("EXPORT_UID", UID);
    return env;
  }

  private static Map<String, String> validEnvWith(Map<String, String> overrides) {
    Map<String, String> env = validEnv();
    env.putAll(overrides);
    return env;
  }

  private static Map<String, String> validEnvWith(String name, String value) {
    return validEnvWith(Map.of(name, value));
  }

  @Test
  void aMinimalEnvironmentGetsTheDefaults() {
    GeneratorConfig config = GeneratorConfig.fromEnv(validEnv());

    assertThat(config.exportUid()).isEqualTo(UUID.fromString(UID));
    assertThat(config.component()).isEqualTo(CalendarComponent.VEVENT);
    assertThat(config.calendarName()).isEqualTo(CalendarExportSpec.DEFAULT_CALENDAR_NAME);
    assertThat(config.filter()).isEqualTo(TodoFilter.ALL);
    assertThat(config.maxResultBytes()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void everyOptionIsRead() {
    GeneratorConfig config =
        GeneratorConfig.fromEnv(
            validEnvWith(
                Map.of(
                    "CALENDAR_NAME", "Deadlines, mine",
                    "CALENDAR_COMPONENT", "VTODO",
                    "FILTER_COMPLETED", "false",
                    "FILTER_WINDOW_DAYS", "7",
                    "MAX_RESULT_BYTES", "67108864")));

    assertThat(config.calendarName()).isEqualTo("Deadlines, mine");
    assertThat(config.component()).isEqualTo(CalendarComponent.VTODO);
    assertThat(config.filter()).isEqualTo(new TodoFilter(false, 7));
    assertThat(config.maxResultBytes()).isEqualTo(67_108_864L);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "64Mi", "1e6"})
  void aResultLimitThatIsNotAPositiveIntegerIsRejected(String bytes) {
    assertThatThrownBy(() -> GeneratorConfig.fromEnv(validEnvWith("MAX_RESULT_BYTES", bytes)))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("MAX_RESULT_BYTES must be an integer from 1 to");
  }

  @Test
  void blankOptionalVariablesMeanUnset() {
    GeneratorConfig config =
        GeneratorConfig.fromEnv(
            validEnvWith(
                Map.of(
                    "FILTER_COMPLETED", "", "FILTER_WINDOW_DAYS", " ", "CALENDAR_COMPONENT", "")));

    assertThat(config.filter()).isEqualTo(TodoFilter.ALL);
    assertThat(config.component()).isEqualTo(CalendarComponent.VEVENT);
  }

  @Test
  void anEmptyPasswordIsAllowedButAnAbsentOneIsNot() {
    Map<String, String> env = validEnv();
    env.put("DB_PASSWORD", "");
    assertThat(GeneratorConfig.fromEnv(env).dbPassword()).isEmpty();

    env.remove("DB_PASSWORD");
    assertThatThrownBy(() -> GeneratorConfig.fromEnv(env))
        .hasMessageContaining("missing required environment variables: DB_PASSWORD");
  }

  @Test
  void oneMessageNamesEveryMissingVariable() {
    assertThatThrownBy(() -> GeneratorConfig.fromEnv(Map.of()))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "Invalid generator configuration: missing required environment variables:"
                + " DB_URL, DB_USER, DB_PASSWORD, EXPORT_NAME, EXPORT_UID");
  }

  @Test
  void missingAndInvalidVariablesAreReportedTogether() {
    Map<String, String> env = validEnv();
    env.remove("DB_USER");
    env.put("EXPORT_UID", "not-a-uuid");
    env.put("CALENDAR_COMPONENT", "VJOURNAL");
    env.put("FILTER_COMPLETED", "yes");
    env.put("FILTER_WINDOW_DAYS", "-1");

    assertThatThrownBy(() -> GeneratorConfig.fromEnv(env))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "Invalid generator configuration: missing required environment variables: DB_USER;"
                + " EXPORT_UID must be a UUID, got 'not-a-uuid';"
                + " CALENDAR_COMPONENT must be VEVENT or VTODO, got 'VJOURNAL';"
                + " FILTER_COMPLETED must be true or false, got 'yes';"
                + " FILTER_WINDOW_DAYS must be a non-negative integer, got '-1'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "1.5", "seven", "99999999999", "0x10"})
  void aWindowThatIsNotANonNegativeIntegerIsRejected(String days) {
    assertThatThrownBy(() -> GeneratorConfig.fromEnv(validEnvWith("FILTER_WINDOW_DAYS", days)))
        .hasMessageContaining("FILTER_WINDOW_DAYS must be a non-negative integer");
  }

  @Test
  void aZeroDayWindowIsAllowed() {
    assertThat(
            GeneratorConfig.fromEnv(validEnvWith("FILTER_WINDOW_DAYS", "0")).filter().windowDays())
        .isZero();
  }

  @Test
  void aUrlForAnotherDatabaseIsRejectedWithoutEchoingIt() {
    assertThatThrownBy(
            () ->
                GeneratorConfig.fromEnv(
                    validEnvWith("DB_URL", "jdbc:mysql://db/todos?password=leak")))
        .hasMessageContaining("DB_URL must be a jdbc:postgresql: URL")
        .hasMessageNotContaining("leak");
  }

  @Test
  void thePasswordNeverAppearsInToString() {
    assertThat(GeneratorConfig.fromEnv(validEnv()).toString())
        .contains("weekly")
        .doesNotContain("s3cret");
  }
}

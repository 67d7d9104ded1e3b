package io.taskoverflow.api.todo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IsoTimestampsTest {

  private static final ZoneId UTC = ZoneOffset.UTC;

  @Test
  void wholeSecondsKeepTheirZeroSecondsAndHaveNoFraction() {
    assertThat(IsoTimestamps.format(LocalDateTime.of(2026, 4, 3, 14, 0)))
        .isEqualTo("2026-04-03T14:00:00");
  }

  @Test
  void nonZeroMicrosecondsAreWrittenAsSixDigits() {
    assertThat(IsoTimestamps.format(LocalDateTime.of(2026, 4, 3, 14, 0, 5, 1_000)))
        .isEqualTo("2026-04-03T14:00:05.000001");
    assertThat(IsoTimestamps.format(LocalDateTime.of(2026, 4, 3, 14, 0, 5, 120_000_000)))
        .isEqualTo("2026-04-03T14:00:05.120000");
  }

  @Test
  void nanosecondsBelowAMicrosecondAreNotWritten() {
    assertThat(IsoTimestamps.format(LocalDateTime.of(2026, 4, 3, 14, 0, 5, 999)))
        .isEqualTo("2026-04-03T14:00:05");
  }

  @Test
  void smallYearsArePaddedToFourDigits() {
    assertThat(IsoTimestamps.format(LocalDateTime.of(33, 1, 2, 3, 4, 5)))
        .isEqualTo("0033-01-02T03:04:05");
  }

  @ParameterizedTest
  @CsvSource({
    "2026-04-03T14:00:00, 2026-04-03T14:00",
    "2026-04-03 14:00:00, 2026-04-03T14:00",
    "2026-04-03 14:00:00.000, 2026-04-03T14:00",
    "2026-04-03T14:00:00.5, 2026-04-03T14:00:00.500",
    "2026-04-03T14:00:00.123456789, 2026-04-03T14:00:00.123456",
    "2026-04-03T14:00, 2026-04-03T14:00",
    "2026-04-03, 2026-04-03T00:00",
    "2026-04-03T14:00:00Z, 2026-04-03T14:00",
    "2026-04-03T16:00:00+02:00, 2026-04-03T14:00",
    "2026-04-03T16:00:00+0200, 2026-04-03T14:00",
  })
  void acceptedDeadlineFormats(String input, LocalDateTime expected) {
    assertThat(IsoTimestamps.parse(input, UTC)).contains(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "tomorrow",
        "2026-13-01T00:00:00",
        "2026-02-30T00:00:00",
        "2026-04-03T25:00:00",
        "2026-04-03T14:00:61",
        "2026-04-03X14:00:00",
        "04/03/2026",
        "2026-4-3",
        "0000-01-01T00:00:00",
        "2026-04-03T14:00:00.1234567890",
        "2026-04-03T14:00:00+25:00"
      })
  void unparseableDeadlinesAreRejected(String input) {
    assertThat(IsoTimestamps.parse(input, UTC)).isEmpty();
  }

  @Test
  void formattingWhatWasParsedGivesTheCanonicalForm() {
    LocalDateTime parsed = IsoTimestamps.parse("2026-04-03 14:00:00.250", UTC).orElseThrow();
    assertThat(IsoTimestamps.format(parsed)).isEqualTo("2026-04-03T14:00:00.250000");
  }
}

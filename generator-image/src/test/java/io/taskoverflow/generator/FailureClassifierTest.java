package io.taskoverflow.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoverflow.config.InvalidConfigurationException;
import io.taskoverflow.model.job.GeneratorExitCode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FailureClassifierTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "08001", "08006", "08003", "57P01", "57P02", "57P03", "53100", "53200", "53300", "40001",
        "40P01"
      })
  void connectionShutdownResourceAndConcurrencyStatesAreTransient(String sqlState) {
    Failure failure = FailureClassifier.classify(new SQLException("trouble", sqlState));

    assertThat(failure.exitCode()).isEqualTo(GeneratorExitCode.TRANSIENT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"28P01", "28000", "3D000", "42P01", "42703", "22001", "57P04", "XX000"})
  void authenticationMissingObjectsAndDataErrorsArePermanent(String sqlState) {
    Failure failure = FailureClassifier.classify(new SQLException("trouble", sqlState));

    assertThat(failure.exitCode()).isEqualTo(GeneratorExitCode.PERMANENT);
  }

  @Test
  void badConfigurationIsPermanentAndSaysWhy() {
    Failure failure =
        FailureClassifier.classify(new InvalidConfigurationException("invalid configuration: x"));

    assertThat(failure.exitCode()).isEqualTo(GeneratorExitCode.PERMANENT);
    assertThat(failure.line()).isEqualTo("permanent failure: invalid configuration: x");
  }

  @Test
  void ioAndSocketFailuresAreTransient() {
    assertThat(FailureClassifier.classify(new IOException("disk")).exitCode())
        .isEqualTo(GeneratorExitCode.TRANSIENT);
    assertThat(
            FailureClassifier.classify(new RuntimeException("x", new SocketException("reset")))
                .exitCode())
        .isEqualTo(GeneratorExitCode.TRANSIENT);
  }

  @Test
  void theSqlStateInsideAnIoWrapperDecides() {
    Failure permanent =
        FailureClassifier.classify(
            new ResultUpload.DatabaseIOException(new SQLException("no table", "42P01")));
    Failure transientOne =
        FailureClassifier.classify(
            new ResultUpload.DatabaseIOException(new SQLException("gone", "08006")));

    assertThat(permanent.exitCode()).isEqualTo(GeneratorExitCode.PERMANENT);
    assertThat(transientOne.exitCode()).isEqualTo(GeneratorExitCode.TRANSIENT);
  }

  @Test
  void aConnectionRefusedReadsAsOneLineWithItsCause() {
    SQLException refused =
        new SQLException(
            "Connection to localhost:1 refused.\nCheck that the hostname and port are correct.",
            "08001",
            new ConnectException("Connection refused"));

    Failure failure = FailureClassifier.classify(refused);

    assertThat(failure.line())
        .doesNotContain("\n")
        .startsWith("transient failure (will retry): ")
        .contains("localhost:1 refused")
        .contains("ConnectException: Connection refused")
        .contains("08001");
  }

  @Test
  void aCalendarOverItsLimitIsPermanentAndSaysWhichSettingToRaise() {
    Failure failure = FailureClassifier.classify(new ResultSizeLimit.TooLargeException(1024));

    assertThat(failure.exitCode()).isEqualTo(GeneratorExitCode.PERMANENT);
    assertThat(failure.line())
        .isEqualTo(
            "permanent failure: calendar exceeds the limit of 1024 bytes"
                + " (GENERATOR_MAX_RESULT_BYTES)");
  }

  @Test
  void anUnrecognisedBugIsPermanent() {
    assertThat(FailureClassifier.classify(new NullPointerException()).exitCode())
        .isEqualTo(GeneratorExitCode.PERMANENT);
  }
}

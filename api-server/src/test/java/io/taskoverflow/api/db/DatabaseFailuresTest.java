package io.taskoverflow.api.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseFailuresTest {

  @ParameterizedTest
  @ValueSource(strings = {"08001", "08006", "08003", "57P01", "57P03", "53300"})
  void connectionAndShutdownStatesMeanUnavailable(String sqlState) {
    SQLException cause = new SQLException("down", sqlState);
    assertThat(DatabaseFailures.isUnavailable(new IllegalStateException("wrapped", cause)))
        .isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"23505", "22001", "42P01", "40001"})
  void statementFailuresDoNot(String sqlState) {
    assertThat(DatabaseFailures.isUnavailable(new SQLException("no", sqlState))).isFalse();
  }

  @org.junit.jupiter.api.Test
  void hikarisTimeoutMeansUnavailable() {
    SQLException timeout =
        new SQLTransientConnectionException("api-server - Connection is not available");
    assertThat(DatabaseFailures.isUnavailable(new RuntimeException(timeout))).isTrue();
    assertThat(DatabaseFailures.isUnavailable(new RuntimeException("unrelated"))).isFalse();
  }
}

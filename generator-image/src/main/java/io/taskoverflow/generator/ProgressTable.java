package io.taskoverflow.generator;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * {@link Progress} in the {@code export_progress} table (db-schema V7), which the api-server reads:
 * generator pods have no Kubernetes token to write anything there. On a connection of its own in
 * autocommit, so each update is visible at once and none joins the snapshot that reads the todos or
 * the transaction that stores the calendar. At most one update per {@link #INTERVAL}: a round trip
 * every half second costs the run nothing measurable. The first failure is logged and ends the
 * reporting; the export goes on.
 */
final class ProgressTable implements Progress, AutoCloseable {

  static final Duration INTERVAL = Duration.ofMillis(500);

  /** An update that hangs must not hold the run for long. */
  private static final int TIMEOUT_SECONDS = 5;

  private final Connection connection;
  private final UUID exportUid;
  private final PrintStream log;
  private final LongSupplier nanoClock;
  private boolean stopped;
  private Long total;
  private long lastUpdate;

  ProgressTable(Connection connection, UUID exportUid, PrintStream log, LongSupplier nanoClock) {
    this.connection = connection;
    this.exportUid = exportUid;
    this.log = log;
    this.nanoClock = nanoClock;
    this.stopped = connection == null;
  }

  /** On a connection of its own; when none can be had, progress simply goes unreported. */
  static ProgressTable open(GeneratorConfig config, PrintStream log) {
    Connection connection = null;
    try {
      connection = Database.connect(config);
      connection.setAutoCommit(true);
    } catch (SQLException e) {
      log.println("generator: progress will not be reported: " + e.getMessage());
      close(connection);
      connection = null;
    }
    return new ProgressTable(connection, config.exportUid(), log, System::nanoTime);
  }

  @Override
  public void started(Long total) {
    this.total = total;
    update(0);
  }

  @Override
  public void handled(long handled) {
    if (nanoClock.getAsLong() - lastUpdate >= INTERVAL.toNanos()) {
      update(handled);
    }
  }

  @Override
  public void finished() {
    // Tried even after a failed update: the row should not outlive the run.
    if (connection != null) {
      execute("DELETE FROM export_progress WHERE export_uid = ?", statement -> {});
    }
    stopped = true;
  }

  @Override
  public void close() {
    close(connection);
  }

  private void update(long handled) {
    if (stopped) {
      return;
    }
    lastUpdate = nanoClock.getAsLong();
    execute(
        "INSERT INTO export_progress (export_uid, written, total, updated_at)"
            + " VALUES (?, ?, ?, now()) ON CONFLICT (export_uid) DO UPDATE"
            + " SET written = excluded.written, total = excluded.total,"
            + " updated_at = excluded.updated_at",
        statement -> {
          statement.setLong(2, handled);
          statement.setObject(3, total, Types.BIGINT);
        });
  }

  private interface Parameters {
    void set(PreparedStatement statement) throws SQLException;
  }

  private void execute(String sql, Parameters parameters) {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setQueryTimeout(TIMEOUT_SECONDS);
      statement.setObject(1, exportUid);
      parameters.set(statement);
      statement.executeUpdate();
    } catch (SQLException e) {
      if (!stopped) {
        log.println("generator: progress is no longer reported: " + e.getMessage());
      }
      stopped = true;
    }
  }

  private static void close(Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException e) {
      // nothing was pending on it
    }
  }
}

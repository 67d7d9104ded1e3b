package io.taskoverflow.generator;

import io.taskoverflow.calendars.ExportProgressTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * {@link Progress} in the {@code export_progress} table (db-schema V7), which the api-server reads:
 * generator pods have no Kubernetes token to write anything there. On a connection of its own in
 * autocommit, so each update is visible at once and none joins the snapshot that reads the todos or
 * the transaction that stores the calendar. At most one update per {@link #INTERVAL}: a round trip
 * every half second costs the run nothing measurable. The first failure ends the reporting, never
 * the export; it is kept for the run's summary line rather than printed, since a failed run's
 * stderr is its one line of failure.
 */
final class ProgressTable implements Progress, AutoCloseable {

  static final Duration INTERVAL = Duration.ofMillis(500);

  /** An update that hangs must not hold the run for long. */
  private static final int TIMEOUT_SECONDS = 5;

  private final Connection connection;
  private final ExportProgressTable table;
  private final UUID exportUid;
  private final LongSupplier nanoClock;
  private String failure;
  private boolean finished;
  private Long total;
  private long lastUpdate;

  ProgressTable(Connection connection, UUID exportUid, LongSupplier nanoClock) {
    this(connection, exportUid, nanoClock, null);
  }

  private ProgressTable(
      Connection connection, UUID exportUid, LongSupplier nanoClock, String failure) {
    this.connection = connection;
    this.table = connection == null ? null : new ExportProgressTable(connection);
    this.exportUid = exportUid;
    this.nanoClock = nanoClock;
    this.failure = failure;
  }

  /** On a connection of its own; when none can be had, progress simply goes unreported. */
  static ProgressTable open(GeneratorConfig config) {
    try {
      return new ProgressTable(Database.connect(config), config.exportUid(), System::nanoTime);
    } catch (SQLException e) {
      return new ProgressTable(null, config.exportUid(), System::nanoTime, e.getMessage());
    }
  }

  /** Why progress went unreported, if it did. */
  Optional<String> failure() {
    return Optional.ofNullable(failure);
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
    if (connection != null && !finished) {
      execute(() -> table.delete(exportUid, TIMEOUT_SECONDS));
    }
    finished = true;
  }

  @Override
  public void close() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        // nothing was pending on it
      }
    }
  }

  private void update(long handled) {
    if (connection == null || failure != null || finished) {
      return;
    }
    lastUpdate = nanoClock.getAsLong();
    execute(() -> table.report(exportUid, handled, total, TIMEOUT_SECONDS));
  }

  private interface Statement {
    void execute() throws SQLException;
  }

  private void execute(Statement statement) {
    try {
      statement.execute();
    } catch (SQLException e) {
      if (failure == null) {
        failure = e.getMessage();
      }
    }
  }
}

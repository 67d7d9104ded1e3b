package io.taskoverflow.api.export;

import io.taskoverflow.api.health.Circuit;
import io.taskoverflow.calendars.ExportProgress;
import io.taskoverflow.calendars.ExportProgressTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the progress generators write to {@code export_progress} (db-schema V7). Progress is an
 * extra: when the database does not answer, or the circuit says it is down, there is none, and the
 * status endpoint, which must keep answering during an outage, answers without it.
 */
public class ExportProgressRepository implements ExportProgressReports {

  private static final Logger LOG = LoggerFactory.getLogger(ExportProgressRepository.class);
  private static final int TIMEOUT_SECONDS = 1;

  private final DataSource dataSource;
  private final Circuit circuit;
  private final AtomicBoolean failing = new AtomicBoolean();

  public ExportProgressRepository(DataSource dataSource, Circuit circuit) {
    this.dataSource = dataSource;
    this.circuit = circuit;
  }

  /** The progress of those of these exports that report some. */
  public Map<UUID, ExportProgress> find(Collection<UUID> exportUids) {
    if (exportUids.isEmpty() || circuit.isOpen()) {
      return Map.of();
    }
    try (Connection connection = dataSource.getConnection()) {
      Map<UUID, ExportProgress> found =
          new ExportProgressTable(connection).find(exportUids, TIMEOUT_SECONDS);
      if (failing.compareAndSet(true, false)) {
        LOG.info("Export progress can be read again");
      }
      return found;
    } catch (SQLException e) {
      // Once per outage: a stream asks every second.
      if (failing.compareAndSet(false, true)) {
        LOG.warn("Could not read export progress; statuses go without it", e);
      }
      return Map.of();
    }
  }
}

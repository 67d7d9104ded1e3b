package io.taskoverflow.generator;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;

/**
 * One export: streams the todos through the calendar writer into the result store, all in one
 * transaction, so a failed run leaves the earlier result (if any) untouched.
 */
final class CalendarGenerator {

  private final GeneratorConfig config;
  private final Clock clock;

  CalendarGenerator(GeneratorConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  StoredResult run(Connection connection) throws SQLException, IOException {
    connection.setAutoCommit(false);
    try {
      ResultUpload upload = new ResultStore(connection).replace(config.exportUid());
      CalendarWriter calendar =
          new CalendarWriter(
              new ContentLineWriter(upload),
              config.component(),
              Database.installationId(connection),
              clock.instant());
      calendar.begin(config.calendarName());
      new TodoQuery(config.filter(), clock).forEach(connection, calendar::write);
      calendar.end();
      StoredResult result =
          upload.complete(config.exportName(), calendar.events(), calendar.skipped());
      connection.commit();
      return result;
    } catch (SQLException | IOException | RuntimeException e) {
      rollbackQuietly(connection, e);
      throw e;
    }
  }

  private static void rollbackQuietly(Connection connection, Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException rollbackFailure) {
      // The connection is likely gone; the original failure is the one to report.
      cause.addSuppressed(rollbackFailure);
    }
  }
}

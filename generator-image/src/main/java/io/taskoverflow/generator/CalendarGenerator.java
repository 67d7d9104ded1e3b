package io.taskoverflow.generator;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;

/**
 * One export: streams the todos through the calendar writer into the result store. Reading,
 * building components and storing each run on a thread of their own (reading and storing on a
 * connection each), bounded by small queues, so the database produces rows and stores chunks while
 * components are built; the store's single transaction means a failed run, a calendar over its size
 * limit among them, leaves the earlier result (if any) untouched. How far it has got goes to a
 * {@link Progress}, the total counted in the snapshot the todos are read from.
 */
record CalendarGenerator(GeneratorConfig config, Clock clock, Progress progress) {

  /** Chunks between the writer and the database: bounded, so memory stays flat. */
  private static final int CHUNKS_IN_FLIGHT = 2;

  StoredResult run(Connection read, Connection write) throws SQLException, IOException {
    read.setAutoCommit(false);
    read.setReadOnly(true);
    // One snapshot for the revision and the rows: the stored revision then names exactly the todos
    // this calendar holds, which is what lets a later export reuse it.
    read.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    write.setAutoCommit(false);
    HandOffOutputStream handOff = null;
    try {
      long revision = Database.todoRevision(read);
      ResultUpload upload = new ResultStore(write).replace(config.exportUid());
      handOff = new HandOffOutputStream(upload, ResultUpload.CHUNK_SIZE, CHUNKS_IN_FLIGHT);
      CalendarWriter calendar =
          new CalendarWriter(
              new ContentLineWriter(new ResultSizeLimit(handOff, config.maxResultBytes())),
              config.component(),
              Database.installationId(read),
              clock.instant());
      calendar.begin(config.calendarName());
      TodoQuery todos = new TodoQuery(config.filter(), clock);
      progress.started(todos.count(read));
      ReadAhead.forEach(
          todos,
          read,
          todo -> {
            calendar.write(todo);
            progress.handled(calendar.events() + calendar.skipped());
          });
      calendar.end();
      handOff.close();
      StoredResult result =
          upload.complete(
              config.exportName(),
              calendar.events(),
              calendar.skipped(),
              Provenance.of(config, revision));
      write.commit();
      read.commit();
      return result;
    } catch (SQLException | IOException | RuntimeException e) {
      if (handOff != null) {
        handOff.abandon();
      }
      rollbackQuietly(write, e);
      rollbackQuietly(read, e);
      throw e;
    } finally {
      progress.finished();
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

package io.taskoverflow.generator;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Runs a {@link TodoQuery} on a thread of its own, a few batches ahead of the caller: pgjdbc only
 * fetches when asked, so without this PostgreSQL idles while components are built and the builder
 * idles while rows arrive. Bounded, so memory stays flat.
 */
final class ReadAhead {

  private static final int BATCH = 1_000;
  private static final int BATCHES_AHEAD = 4;
  private static final List<Todo> END = List.of();

  private final BlockingQueue<List<Todo>> batches = new ArrayBlockingQueue<>(BATCHES_AHEAD);
  private volatile boolean stopped;
  private volatile Throwable failure;

  private ReadAhead() {}

  /** Like {@link TodoQuery#forEach}, the query running on another thread while the sink works. */
  static void forEach(TodoQuery query, Connection connection, TodoQuery.TodoSink sink)
      throws SQLException, IOException {
    new ReadAhead().run(query, connection, sink);
  }

  private void run(TodoQuery query, Connection connection, TodoQuery.TodoSink sink)
      throws SQLException, IOException {
    Thread reader = new Thread(() -> read(query, connection), "todo-reader");
    reader.setDaemon(true);
    reader.start();
    boolean ended = false;
    try {
      for (List<Todo> batch = take(); batch != END; batch = take()) {
        for (Todo todo : batch) {
          sink.accept(todo);
        }
      }
      ended = true;
    } finally {
      if (!ended) {
        // The sink failed: stop the reader, which puts END however it stops.
        stopped = true;
        while (take() != END) {
          // discard
        }
      }
      join(reader); // after this the connection is the caller's again
    }
    rethrowFailure();
  }

  private void read(TodoQuery query, Connection connection) {
    List<List<Todo>> pending = new ArrayList<>(1);
    pending.add(new ArrayList<>(BATCH));
    try {
      query.forEach(
          connection,
          todo -> {
            List<Todo> batch = pending.get(0);
            batch.add(todo);
            if (batch.size() == BATCH) {
              put(batch);
              pending.set(0, new ArrayList<>(BATCH));
            }
          });
      if (!pending.get(0).isEmpty()) {
        put(pending.get(0));
      }
    } catch (Stopped e) {
      // the consumer has given up; it is draining
    } catch (Exception | Error e) {
      failure = e;
    } finally {
      try {
        batches.put(END); // whatever happened: the consumer waits for it
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void put(List<Todo> batch) throws InterruptedIOException {
    if (stopped) {
      throw new Stopped();
    }
    try {
      batches.put(batch);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("the todo reader was interrupted");
    }
  }

  private List<Todo> take() throws InterruptedIOException {
    try {
      return batches.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for todos");
    }
  }

  private static void join(Thread reader) throws InterruptedIOException {
    try {
      reader.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the todo reader");
    }
  }

  private void rethrowFailure() throws SQLException, IOException {
    Throwable thrown = failure;
    if (thrown instanceof SQLException sql) {
      throw sql;
    }
    if (thrown instanceof IOException io) {
      throw io;
    }
    if (thrown instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (thrown instanceof Error error) {
      throw error;
    }
    if (thrown != null) {
      throw new IllegalStateException("the todo reader failed", thrown);
    }
  }

  /** Unwinds the reader's query when the consumer stopped early. */
  private static final class Stopped extends RuntimeException {
    Stopped() {
      super(null, null, false, false);
    }
  }
}

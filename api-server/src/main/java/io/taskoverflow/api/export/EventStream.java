package io.taskoverflow.api.export;

import io.taskoverflow.model.CalendarExport;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's stream of an export's status as server-sent events: an {@code event: status} with
 * the status JSON and a sequence number as its {@code id} each time that JSON changes, beginning
 * with the JSON at connect time and ending after a final state. Between events, a comment line now
 * and then keeps proxies from closing an idle connection and tells a client that went away (the
 * write fails). Every method may be called from any thread; they take turns on the stream.
 */
final class EventStream {

  private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);

  private final String taskId;
  private final Supplier<Optional<CalendarExport>> export;
  private final Function<CalendarExport, String> statusJson;
  private final OutputStream out;
  private final Executor executor;
  private final LongSupplier nanoClock;
  private final long keepAliveNanos;
  private final CompletableFuture<Void> ended = new CompletableFuture<>();
  private final AtomicBoolean refreshQueued = new AtomicBoolean();
  private String lastData;
  private TaskStatus lastStatus;
  private long sequence;
  private long lastWrite;

  /**
   * @param export the export as it is now; empty once it is gone
   * @param statusJson its status JSON on one line
   * @param executor where the work of {@link #changed} runs
   */
  EventStream(
      String taskId,
      Supplier<Optional<CalendarExport>> export,
      Function<CalendarExport, String> statusJson,
      OutputStream out,
      Executor executor,
      LongSupplier nanoClock,
      long keepAliveNanos) {
    this.taskId = taskId;
    this.export = export;
    this.statusJson = statusJson;
    this.out = out;
    this.executor = executor;
    this.nanoClock = nanoClock;
    this.keepAliveNanos = keepAliveNanos;
    this.lastWrite = nanoClock.getAsLong();
  }

  /** Completes when the stream is over: the export finished or went, or the client left. */
  CompletableFuture<Void> ended() {
    return ended;
  }

  /**
   * The export may have changed: look again soon, off the caller's thread. News that arrives while
   * a look is queued is covered by that look.
   */
  void changed() {
    if (refreshQueued.compareAndSet(false, true)) {
      try {
        executor.execute(
            () -> {
              refreshQueued.set(false);
              refresh();
            });
      } catch (RuntimeException rejected) {
        end(); // the server is stopping
      }
    }
  }

  /** The periodic look: progress while STARTED (it lives in the database), else a keep-alive. */
  synchronized void tick() {
    if (lastStatus == TaskStatus.STARTED) {
      refresh();
    }
    if (!ended.isDone() && nanoClock.getAsLong() - lastWrite >= keepAliveNanos) {
      write(": keep-alive\n\n");
    }
  }

  /** Sends the status if it differs from the last one sent; ends after a final one. */
  synchronized void refresh() {
    if (ended.isDone()) {
      return;
    }
    Optional<CalendarExport> current;
    try {
      current = export.get();
    } catch (RuntimeException e) {
      // Only a cache miss asks the Kubernetes API, which may fail: the next news tries again.
      LOG.warn("Could not read export {} for its event stream", taskId, e);
      return;
    }
    if (current.isEmpty()) {
      end(); // deleted: there is nothing more to tell
      return;
    }
    String data = statusJson.apply(current.get());
    if (!data.equals(lastData)) {
      lastData = data;
      sequence++;
      write("event: status\nid: " + sequence + "\ndata: " + data + "\n\n");
    }
    lastStatus = TaskStatus.of(current.get());
    if (lastStatus.isFinished()) {
      end();
    }
  }

  void end() {
    ended.complete(null);
  }

  private void write(String text) {
    try {
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
      lastWrite = nanoClock.getAsLong();
    } catch (IOException | IllegalStateException e) {
      end(); // the client went away, or the stream was ended meanwhile
    }
  }
}

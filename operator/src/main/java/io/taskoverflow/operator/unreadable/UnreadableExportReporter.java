package io.taskoverflow.operator.unreadable;

import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.operator.events.ExportEvents;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells about an export the operator cannot read: a log line and a Warning Event on it. Not its
 * status: the API server refuses every write to such an object (its validation rules fail on the
 * bad field) until someone fixes it. Off the informer's thread, which must not wait for the API.
 */
public final class UnreadableExportReporter implements AutoCloseable {

  public static final String REASON = "Unreadable";

  private static final Logger LOG = LoggerFactory.getLogger(UnreadableExportReporter.class);

  private final ExportEvents events;
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "unreadable-export-reporter");
            thread.setDaemon(true);
            return thread;
          });

  public UnreadableExportReporter(ExportEvents events) {
    this.events = events;
  }

  public void report(CalendarExport placeholder, String problem) {
    executor.execute(
        () -> {
          LOG.warn(
              "CalendarExport {}/{} (resourceVersion {}) does not fit the model and is skipped"
                  + " until it is fixed: {}",
              placeholder.getMetadata().getNamespace(),
              placeholder.getMetadata().getName(),
              placeholder.getMetadata().getResourceVersion(),
              problem);
          events.record(
              placeholder,
              ExportEvents.WARNING,
              REASON,
              "The operator cannot read this export and skips it until it is fixed: " + problem);
        });
  }

  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}

package io.taskoverflow.api.export;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.Header;
import io.javalin.json.JsonMapper;
import io.taskoverflow.api.web.ApiError;
import io.taskoverflow.api.web.BaseUrl;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GET /api/v1/todos/ical/{task_id}/events}: the export's status changes as server-sent
 * events ({@link EventStream}). Any client may ask: unlike Javalin's {@code sse()}, no {@code
 * Accept: text/event-stream} is needed, so plain curl works.
 *
 * <p>Asynchronous (Jetty's async servlet, through {@code ctx.future}), not a thread blocked per
 * stream: a stream lasts as long as its export, a page may hold one per export it shows, and each
 * would pin one of the Jetty threads every request shares, the probes included. The news arrives as
 * informer callbacks anyway; a small scheduler turns it into writes, looks at the progress of
 * STARTED exports once a second and writes the keep-alives, and an idle stream holds no thread.
 * Stopping the server ends every stream first (each completes its response) and then the scheduler,
 * so no tick outlives the server; Jetty would close the connections anyway.
 */
public final class ExportEventStreams implements AutoCloseable {

  /** How often a STARTED export's progress is read, and idleness checked. */
  static final Duration TICK = Duration.ofSeconds(1);

  /** Well inside Jetty's idle timeout (30 s) and common proxies' (60 s). */
  static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

  private static final int THREADS = 2;

  private final CalendarExports exports;
  private final TaskStatuses statuses;
  private final BaseUrl baseUrl;
  private final ScheduledThreadPoolExecutor scheduler;
  private final Set<EventStream> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  public ExportEventStreams(CalendarExports exports, TaskStatuses statuses, BaseUrl baseUrl) {
    this.exports = exports;
    this.statuses = statuses;
    this.baseUrl = baseUrl;
    AtomicInteger threads = new AtomicInteger();
    this.scheduler =
        new ScheduledThreadPoolExecutor(
            THREADS,
            runnable -> {
              Thread thread = new Thread(runnable, "export-events-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    scheduler.setRemoveOnCancelPolicy(true);
  }

  public void serve(Context ctx) throws IOException {
    String taskId = ctx.pathParam("task_id");
    if (exports.find(taskId).isEmpty()) {
      throw ApiError.notFound("Task not found");
    }
    ctx.contentType("text/event-stream");
    ctx.header(Header.CACHE_CONTROL, "no-cache");
    ctx.header("X-Accel-Buffering", "no"); // nginx would hold the events back otherwise
    if (ctx.method() == HandlerType.HEAD) {
      return;
    }
    ExportUrls urls = new ExportUrls(baseUrl.of(ctx));
    JsonMapper json = ctx.jsonMapper(); // the status endpoint's, so the JSON is the same
    EventStream stream =
        new EventStream(
            taskId,
            () -> exports.find(taskId),
            export -> json.toJsonString(statuses.of(export, urls), Map.class),
            // The servlet's own stream: Javalin's would compress, and hold events in its buffer.
            ctx.res().getOutputStream(),
            scheduler,
            System::nanoTime,
            KEEP_ALIVE.toNanos());
    ctx.future(() -> open(taskId, stream));
  }

  private CompletableFuture<Void> open(String taskId, EventStream stream) {
    open.add(stream);
    Runnable unwatch = exports.watch(taskId, stream::changed);
    stream
        .ended()
        .whenComplete(
            (ignored, failure) -> {
              open.remove(stream);
              unwatch.run();
            });
    try {
      ScheduledFuture<?> ticks =
          scheduler.scheduleWithFixedDelay(
              stream::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
      stream.ended().whenComplete((ignored, failure) -> ticks.cancel(false));
    } catch (RuntimeException rejected) {
      stream.end(); // stopping
    }
    if (closed) {
      stream.end();
    }
    stream.changed(); // the first event: the status now
    return stream.ended();
  }

  /** Ends every open stream; the server stops next. */
  @Override
  public void close() {
    closed = true;
    open.forEach(EventStream::end);
    scheduler.shutdownNow();
  }
}

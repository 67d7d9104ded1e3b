package io.taskoverflow.api.export;

import io.taskoverflow.api.TestApi;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * A test's client of an event stream: reads it on a thread of its own, event by event (RFC 8895's
 * {@code text/event-stream}: {@code field: value} lines, a blank line ends an event, a line that
 * starts with a colon is a comment), so the test can act between events.
 */
final class ServerSentEvents implements AutoCloseable {

  /** One event's fields, in the order they came. */
  record Event(Map<String, String> fields) {
    String data() {
      return fields.get("data");
    }
  }

  private final HttpResponse<Stream<String>> response;
  private final List<Event> events = new ArrayList<>();
  private final CompletableFuture<Void> ended;

  private ServerSentEvents(HttpResponse<Stream<String>> response) {
    this.response = response;
    this.ended = CompletableFuture.runAsync(this::read);
  }

  /** Waits for the response's head; the body is read as it arrives. */
  static ServerSentEvents open(TestApi api, String path) {
    return new ServerSentEvents(
        api.send(api.request(path).GET(), HttpResponse.BodyHandlers.ofLines()));
  }

  HttpResponse<Stream<String>> response() {
    return response;
  }

  synchronized List<Event> events() {
    return List.copyOf(events);
  }

  /** Whether the server has closed the stream. */
  boolean ended() {
    return ended.isDone();
  }

  private void read() {
    Map<String, String> fields = new LinkedHashMap<>();
    try (Stream<String> lines = response.body()) {
      for (String line : (Iterable<String>) lines::iterator) {
        if (line.isEmpty()) {
          if (!fields.isEmpty()) {
            synchronized (this) {
              events.add(new Event(fields));
            }
            fields = new LinkedHashMap<>();
          }
        } else if (!line.startsWith(":")) {
          int colon = line.indexOf(':');
          String value = line.substring(colon + 1);
          fields.put(line.substring(0, colon), value.startsWith(" ") ? value.substring(1) : value);
        }
      }
    }
  }

  @Override
  public void close() {
    response.body().close();
  }
}

package io.taskoverflow.api;

import io.javalin.testtools.HttpClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.BufferedSink;

/**
 * JavalinTest's client, sending bodies as they are written (its own {@code post(path, object)}
 * serializes its argument) and answering {@link Answer}s.
 */
public record RouteClient(HttpClient http) {

  /** The server's own URL, as its answers name it. */
  public String origin() {
    return http.getOrigin();
  }

  public Answer get(String path) {
    return send(path, Request.Builder::get);
  }

  public Answer head(String path) {
    return send(path, Request.Builder::head);
  }

  public Answer post(String path, String json) {
    return send(path, request -> request.post(json(json)));
  }

  public Answer put(String path, String json) {
    return send(path, request -> request.put(json(json)));
  }

  public Answer delete(String path) {
    return send(path, Request.Builder::delete);
  }

  /** Any request: method, headers and body as the test sets them. */
  public Answer send(String path, Consumer<Request.Builder> request) {
    return Answer.of(http.request(path, request));
  }

  /** The text, declared {@code application/json} (as bytes: okhttp would add a charset). */
  public static RequestBody json(String text) {
    return body(text.getBytes(StandardCharsets.UTF_8), "application/json");
  }

  /** The text as JSON without a Content-Length: sent chunked, as a streaming client would. */
  public static RequestBody chunked(String text) {
    RequestBody whole = json(text);
    return new RequestBody() {
      @Override
      public MediaType contentType() {
        return whole.contentType();
      }

      @Override
      public long contentLength() {
        return -1;
      }

      @Override
      public void writeTo(BufferedSink sink) throws IOException {
        whole.writeTo(sink);
      }
    };
  }

  /** The bytes, declared of this Content-Type; without any when it is null. */
  public static RequestBody body(byte[] bytes, String contentType) {
    return RequestBody.create(bytes, contentType == null ? null : MediaType.get(contentType));
  }
}

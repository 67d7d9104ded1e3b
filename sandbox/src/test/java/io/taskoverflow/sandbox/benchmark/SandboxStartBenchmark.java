package io.taskoverflow.sandbox.benchmark;

import io.taskoverflow.controlplane.KubeBinaries;
import io.taskoverflow.sandbox.Sandbox;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a fresh sandbox takes from start to a healthy API (binaries already built), and how long
 * an export of 100 todos takes from POST to SUCCESS on it: fresh (a calendar name no export had, so
 * a generator Job runs) and reused (the options of an earlier export over unchanged todos, so the
 * operator copies that calendar). Args: {@code [starts] [exports]}.
 */
public final class SandboxStartBenchmark {

  private static final Pattern STATUS = Pattern.compile("\"task_status\":\"([A-Z]+)\"");

  private SandboxStartBenchmark() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    int starts = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int exports = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    long locate = System.nanoTime();
    KubeBinaries binaries = KubeBinaries.locate(System.getenv());
    System.out.printf(
        "binaries located (build.sh, cache check) in %d ms: %s%n",
        millis(locate), binaries.directory());
    HttpClient http = HttpClient.newHttpClient();
    List<Long> startMillis = new ArrayList<>();
    List<Long> freshMillis = new ArrayList<>();
    List<Long> reusedMillis = new ArrayList<>();
    for (int run = 0; run < starts; run++) {
      Path work = Files.createTempDirectory("sandbox-start-benchmark");
      long began = System.nanoTime();
      try (Sandbox sandbox =
          Sandbox.builder().workDirectory(work).fresh(true).binaries(binaries).start()) {
        String api = sandbox.apiBaseUrl() + "/api/v1";
        while (send(http, "GET", api + "/health", null).statusCode() != 200) {
          Thread.onSpinWait();
        }
        startMillis.add(millis(began));
        if (run == starts - 1) {
          for (int i = 0; i < 100; i++) {
            send(
                http,
                "POST",
                api + "/todos",
                "{\"title\":\"Todo %d\",\"deadline_at\":\"2026-08-%02dT09:00:00\"}"
                    .formatted(i, 1 + i % 28));
          }
          for (int i = 0; i < exports; i++) {
            freshMillis.add(
                postToSuccess(http, api, "{\"calendar_name\":\"Fresh %d\"}".formatted(i)));
          }
          for (int i = 0; i < exports; i++) {
            reusedMillis.add(postToSuccess(http, api, "{\"calendar_name\":\"Fresh 0\"}"));
          }
        }
      }
    }
    System.out.printf("sandbox start to healthy (ms, %d starts): %s%n", starts, startMillis);
    System.out.printf(
        "POST -> SUCCESS, 100 todos, fresh (ms, %d exports one after another): %s; median %d%n",
        exports, freshMillis, median(freshMillis));
    System.out.printf(
        "POST -> SUCCESS, 100 todos, reused (ms, %d exports one after another): %s; median %d%n",
        exports, reusedMillis, median(reusedMillis));
    System.out.printf(
        "load average at the end: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
  }

  private static long postToSuccess(HttpClient http, String api, String options) throws Exception {
    long began = System.nanoTime();
    String body = send(http, "POST", api + "/todos/ical", options).body();
    String taskId = body.replaceAll(".*\"task_id\":\"([^\"]+)\".*", "$1");
    while (true) {
      Matcher status =
          STATUS.matcher(send(http, "GET", api + "/todos/ical/" + taskId + "/status", null).body());
      if (status.find() && status.group(1).equals("SUCCESS")) {
        return millis(began);
      }
      if (status.group(1).equals("FAILURE")) {
        throw new IllegalStateException("export " + taskId + " failed");
      }
      Thread.sleep(20); // polling interval of the measuring client
    }
  }

  private static HttpResponse<String> send(HttpClient http, String method, String url, String json)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(
        method,
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
  }

  private static long millis(long since) {
    return (System.nanoTime() - since) / 1_000_000;
  }
}

package io.taskoverflow.sandbox.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskoverflow.sandbox.Sandbox;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads the api-server on loopback and prints requests/s and p50/p99/max latency for {@code GET
 * /api/v1/todos}, {@code POST /api/v1/todos} and {@code GET /api/v1/todos/ical/{id}/status}.
 *
 * <p>{@code ./mvnw -B -pl sandbox -Pbenchmark verify -Dbenchmark=ApiLoadBenchmark
 * -Dbenchmark.args="[--url http://127.0.0.1:6400] [todos=100] [gets=30000] [status=50000]
 * [posts=5000] [concurrency=16] [warmup=10000] [post-warmup=1000] [max-seconds=60] [keep=false]
 * [--verbose]"}
 *
 * <p>Without {@code --url} it starts a sandbox on random ports, in which case the api-server runs
 * in this JVM. The load is closed-loop: {@code concurrency} threads, each with its own keep-alive
 * HTTP/1.1 connection over a plain blocking socket, send a pre-built request, read the whole
 * answer, and send the next; a fixed number of requests per endpoint, stopped early by a time cap.
 * Latency is from the request's first byte written to the answer's last byte read. Client and
 * server share the machine's cores, so the client's own CPU time is printed too. GET /todos runs
 * first, on the seeded table (plus whatever a running server already holds); POST /todos runs last.
 * Against {@code --url}, the todos the run created are deleted at the end unless {@code keep=true}.
 */
public final class ApiLoadBenchmark {

  private static final int READ_TIMEOUT_MILLIS = 10_000;
  private static final String MARKER = "ApiLoadBenchmark";
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Endpoint(String label, String method, String path, String body, int expected) {

    byte[] request(String hostHeader) {
      byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      StringBuilder head =
          new StringBuilder()
              .append(method)
              .append(' ')
              .append(path)
              .append(" HTTP/1.1\r\nHost: ")
              .append(hostHeader)
              .append("\r\nAccept: application/json\r\nUser-Agent: ApiLoadBenchmark\r\n");
      if (body != null) {
        head.append("Content-Type: application/json\r\n");
      }
      if (body != null || method.equals("POST")) {
        head.append("Content-Length: ").append(content.length).append("\r\n");
      }
      head.append("\r\n");
      byte[] start = head.toString().getBytes(StandardCharsets.ISO_8859_1);
      byte[] all = Arrays.copyOf(start, start.length + content.length);
      System.arraycopy(content, 0, all, start.length, content.length);
      return all;
    }
  }

  private record Result(
      Endpoint endpoint,
      int planned,
      int done,
      long errors,
      String firstError,
      double seconds,
      long[] sortedNanos,
      double clientCpuSeconds,
      double jvmCpuSeconds,
      double machineBusy,
      String loadAfter,
      boolean capped) {

    double perSecond() {
      return seconds > 0 ? done / seconds : 0;
    }
  }

  private final String host;
  private final int port;
  private final int todos;
  private final int gets;
  private final int statusRequests;
  private final int posts;
  private final int concurrency;
  private final int warmup;
  private final int postWarmup;
  private final long maxNanos;
  private final boolean keep;

  /** Todos with this id or higher and {@link #MARKER} in their description are this run's. */
  private int firstOwnId = Integer.MAX_VALUE;

  private ApiLoadBenchmark(URI base, Map<String, String> options) {
    this.host = base.getHost();
    this.port = base.getPort() < 0 ? 80 : base.getPort();
    this.todos = intOption(options, "todos", 100);
    this.gets = intOption(options, "gets", 30_000);
    this.statusRequests = intOption(options, "status", 50_000);
    this.posts = intOption(options, "posts", 5_000);
    this.concurrency = intOption(options, "concurrency", 16);
    this.warmup = intOption(options, "warmup", 10_000);
    this.postWarmup = intOption(options, "post-warmup", 1_000);
    this.maxNanos = intOption(options, "max-seconds", 60) * 1_000_000_000L;
    this.keep = Boolean.parseBoolean(options.getOrDefault("keep", "false"));
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    String url = null;
    boolean verbose = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--verbose")) {
        verbose = true;
      } else if (arg.equals("--url") && i + 1 < args.length) {
        url = args[++i];
      } else if (arg.startsWith("--url=")) {
        url = arg.substring("--url=".length());
      } else if (arg.contains("=")) {
        options.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
      } else {
        System.err.println("unknown argument: " + arg);
        System.exit(64);
      }
    }
    if (!verbose) {
      // Before the first logger exists: the figures, not the sandbox's start-up story.
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    if (url != null) {
      URI base = URI.create(url.replaceAll("/+$", ""));
      if (!"127.0.0.1".equals(base.getHost()) && !"localhost".equals(base.getHost())) {
        System.err.println("refusing to load anything but loopback: " + url);
        System.exit(64);
      }
      System.out.printf("Target: the api-server already running at %s%n", base);
      new ApiLoadBenchmark(base, options).run(false);
    } else {
      Path work = Files.createTempDirectory("api-load-benchmark");
      System.out.printf("Starting a fresh sandbox (work directory %s)%n", work);
      try (Sandbox sandbox = Sandbox.builder().workDirectory(work).fresh(true).start()) {
        URI base = URI.create(sandbox.apiBaseUrl().replace("localhost", "127.0.0.1"));
        System.out.printf("Target: the sandbox's api-server at %s (a pod of the sandbox)%n", base);
        new ApiLoadBenchmark(base, options).run(true);
      }
    }
    System.exit(0);
  }

  private void run(boolean inProcess) throws Exception {
    String hostHeader = host + ":" + port;
    System.out.println("before: " + uptime());
    String taskId = seed();
    String sample =
        "{\"title\":\"Load test todo\",\"description\":\"posted by "
            + MARKER
            + "\","
            + "\"deadline_at\":\"2026-09-01T09:00:00\"}";
    Endpoint list = new Endpoint("GET  /api/v1/todos", "GET", "/api/v1/todos", null, 200);
    Endpoint status =
        new Endpoint(
            "GET  /api/v1/todos/ical/{id}/status",
            "GET",
            "/api/v1/todos/ical/" + taskId + "/status",
            null,
            200);
    Endpoint create = new Endpoint("POST /api/v1/todos", "POST", "/api/v1/todos", sample, 201);

    // POST last: it grows the table GET /todos lists.
    List<Result> results = new ArrayList<>();
    results.add(warmAndLoad(list, gets, warmup, hostHeader));
    results.add(warmAndLoad(status, statusRequests, warmup, hostHeader));
    results.add(warmAndLoad(create, posts, postWarmup, hostHeader));

    report(results, inProcess);
    if (!inProcess && !keep) {
      removeOwnTodos(hostHeader);
    }
  }

  /**
   * Against a server someone else runs, deletes the todos this run created (newer than the first
   * seeded one and marked in their description), so that runs stay comparable.
   */
  private void removeOwnTodos(String hostHeader) throws IOException {
    try (Connection connection = new Connection(host, port)) {
      String listed =
          connection.expect(
              new Endpoint("list", "GET", "/api/v1/todos", null, 200).request(hostHeader), 200);
      int removed = 0;
      for (JsonNode todo : JSON.readTree(listed)) {
        int id = todo.path("id").asInt();
        String description = todo.path("description").asText("");
        if (id >= firstOwnId && description.endsWith(MARKER)) {
          connection.expect(
              new Endpoint("delete", "DELETE", "/api/v1/todos/" + id, null, 200)
                  .request(hostHeader),
              200);
          removed++;
        }
      }
      System.out.printf("Removed the %d todos this run created (keep=true keeps them)%n", removed);
    }
  }

  /** Creates the todos and one export, waits for the export to succeed; answers its task id. */
  private String seed() throws IOException, InterruptedException {
    try (Connection connection = new Connection(host, port)) {
      String hostHeader = host + ":" + port;
      for (int i = 0; i < todos; i++) {
        String body =
            ("{\"title\":\"Benchmark todo %d\",\"description\":\"seeded by %s\","
                    + "\"deadline_at\":\"2026-08-%02dT09:00:00\"}")
                .formatted(i, MARKER, 1 + i % 28);
        String created =
            connection.expect(
                new Endpoint("seed", "POST", "/api/v1/todos", body, 201).request(hostHeader), 201);
        if (i == 0) {
          firstOwnId = JSON.readTree(created).path("id").asInt();
        }
      }
      if (todos == 0) {
        // Nothing seeded: one marked todo tells where this run's ids start.
        String probe =
            "{\"title\":\"Benchmark probe\",\"description\":\"seeded by " + MARKER + "\"}";
        String created =
            connection.expect(
                new Endpoint("probe", "POST", "/api/v1/todos", probe, 201).request(hostHeader),
                201);
        firstOwnId = JSON.readTree(created).path("id").asInt();
      }
      String listed =
          connection.expect(
              new Endpoint("list", "GET", "/api/v1/todos", null, 200).request(hostHeader), 200);
      int listedTodos = count(listed, "\"id\":");
      System.out.printf(
          "Seeded %d todos; GET /api/v1/todos answers %d todos (%,d bytes)%n",
          todos, listedTodos, listed.length());

      String accepted =
          connection.expect(
              new Endpoint("export", "POST", "/api/v1/todos/ical", null, 202).request(hostHeader),
              202);
      String taskId = field(accepted, "task_id");
      byte[] statusRequest =
          new Endpoint("status", "GET", "/api/v1/todos/ical/" + taskId + "/status", null, 200)
              .request(hostHeader);
      long deadline = System.nanoTime() + 120_000_000_000L;
      String taskStatus = "";
      String body = "";
      while (System.nanoTime() < deadline) {
        body = connection.expect(statusRequest, 200);
        taskStatus = field(body, "task_status");
        if (taskStatus.equals("SUCCESS")
            || taskStatus.equals("FAILURE")
            || taskStatus.equals("REVOKED")) {
          break;
        }
        Thread.sleep(100);
      }
      System.out.printf(
          "Export %s is %s; its status answer is %d bytes%n", taskId, taskStatus, body.length());
      if (!taskStatus.equals("SUCCESS")) {
        System.out.println("  (not SUCCESS: the status endpoint is measured on it anyway)");
      }
      return taskId;
    }
  }

  private Result warmAndLoad(Endpoint endpoint, int requests, int warmupRequests, String hostHeader)
      throws InterruptedException {
    byte[] request = endpoint.request(hostHeader);
    if (warmupRequests > 0) {
      Result warm = load(endpoint, request, warmupRequests);
      System.out.printf(
          "warm-up   %-36s %,7d requests, %,8.0f req/s, %d errors%n",
          endpoint.label(), warm.done(), warm.perSecond(), warm.errors());
    }
    Result result = load(endpoint, request, requests);
    System.out.printf(
        "measured  %-36s %,7d requests, %,8.0f req/s, %d errors%n",
        endpoint.label(), result.done(), result.perSecond(), result.errors());
    return result;
  }

  /**
   * {@code requests} requests over {@code concurrency} keep-alive connections, or until the cap.
   */
  private Result load(Endpoint endpoint, byte[] request, int requests) throws InterruptedException {
    long[] latencies = new long[requests];
    AtomicInteger tickets = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    AtomicLong errors = new AtomicLong();
    AtomicLong clientCpu = new AtomicLong();
    String[] firstError = new String[1];
    int threads = Math.min(concurrency, requests);
    CountDownLatch connected = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    CountDownLatch finished = new CountDownLatch(threads);
    long[] startAndDeadline = new long[2];
    ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
    boolean cpuTimes = threadBean.isCurrentThreadCpuTimeSupported();

    for (int t = 0; t < threads; t++) {
      Thread worker =
          new Thread(
              () -> {
                Connection connection = null;
                try {
                  connection = new Connection(host, port);
                } catch (IOException e) {
                  recordError(errors, firstError, "connect: " + e);
                }
                connected.countDown();
                long cpuBefore = cpuTimes ? threadBean.getCurrentThreadCpuTime() : 0;
                try {
                  go.await();
                  long deadline = startAndDeadline[1];
                  while (true) {
                    int ticket = tickets.getAndIncrement();
                    if (ticket >= requests || System.nanoTime() > deadline) {
                      break;
                    }
                    long sent = System.nanoTime();
                    try {
                      if (connection == null) {
                        connection = new Connection(host, port);
                      }
                      int status = connection.exchange(request);
                      latencies[done.getAndIncrement()] = System.nanoTime() - sent;
                      if (status != endpoint.expected()) {
                        recordError(errors, firstError, "HTTP " + status);
                      }
                      if (connection.mustClose()) {
                        connection.close();
                        connection = null;
                      }
                    } catch (IOException e) {
                      latencies[done.getAndIncrement()] = System.nanoTime() - sent;
                      recordError(errors, firstError, e.toString());
                      if (connection != null) {
                        connection.close();
                        connection = null;
                      }
                    }
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } finally {
                  if (cpuTimes) {
                    clientCpu.addAndGet(threadBean.getCurrentThreadCpuTime() - cpuBefore);
                  }
                  if (connection != null) {
                    connection.close();
                  }
                  finished.countDown();
                }
              },
              "load-" + t);
      worker.setDaemon(true);
      worker.start();
    }
    connected.await();
    long[] cpuBefore = machineCpu();
    long jvmCpuBefore = processCpuNanos();
    startAndDeadline[0] = System.nanoTime();
    startAndDeadline[1] = startAndDeadline[0] + maxNanos;
    go.countDown();
    finished.await();
    long elapsed = System.nanoTime() - startAndDeadline[0];
    long[] cpuAfter = machineCpu();
    long jvmCpu = processCpuNanos() - jvmCpuBefore;

    int completed = done.get();
    long[] sorted = Arrays.copyOf(latencies, completed);
    Arrays.sort(sorted);
    double busy =
        cpuAfter[1] > cpuBefore[1]
            ? (double) (cpuAfter[0] - cpuBefore[0]) / (cpuAfter[1] - cpuBefore[1])
            : Double.NaN;
    return new Result(
        endpoint,
        requests,
        completed,
        errors.get(),
        firstError[0],
        elapsed / 1e9,
        sorted,
        clientCpu.get() / 1e9,
        jvmCpu / 1e9,
        busy,
        loadAverage(),
        completed < requests);
  }

  private static synchronized void recordError(
      AtomicLong errors, String[] firstError, String description) {
    errors.incrementAndGet();
    if (firstError[0] == null) {
      firstError[0] = description;
    }
  }

  private void report(List<Result> results, boolean inProcess) {
    int cores = Runtime.getRuntime().availableProcessors();
    System.out.println();
    System.out.println("=== api-server under load on loopback ===");
    System.out.printf(
        "%d processors; %d keep-alive connections (plain sockets, one blocking thread each),"
            + " closed loop; %d todos seeded%n",
        cores, concurrency, todos);
    System.out.printf(
        "%-36s %8s %7s %9s %8s %8s %8s %10s %8s %12s%n",
        "endpoint",
        "requests",
        "errors",
        "req/s",
        "p50 ms",
        "p99 ms",
        "max ms",
        "client CPU",
        "JVM CPU",
        "machine busy");
    for (Result r : results) {
      System.out.printf(
          Locale.ROOT,
          "%-36s %8d %7d %9.0f %8.2f %8.2f %8.2f %9.1fs %7.1fs %5.0f%% %4.1fs%s%n",
          r.endpoint().label(),
          r.done(),
          r.errors(),
          r.perSecond(),
          millis(percentile(r.sortedNanos(), 50)),
          millis(percentile(r.sortedNanos(), 99)),
          millis(r.sortedNanos().length == 0 ? 0 : r.sortedNanos()[r.sortedNanos().length - 1]),
          r.clientCpuSeconds(),
          r.jvmCpuSeconds(),
          r.machineBusy() * 100,
          r.machineBusy() * cores * r.seconds(),
          r.capped() ? "  (time cap hit: " + r.done() + " of " + r.planned() + ")" : "");
      if (r.firstError() != null) {
        System.out.printf("    first error: %s%n", r.firstError());
      }
    }
    for (Result r : results) {
      System.out.printf(
          "%-36s %.1f s wall, load average after: %s%n",
          r.endpoint().label(), r.seconds(), r.loadAfter());
    }
    System.out.println("uptime: " + uptime());
    System.out.printf(
        "note: client and server share the %d cores. 'client CPU' is what the load threads"
            + " used, 'JVM CPU' what this whole JVM used, 'machine busy' the share of all cores"
            + " busy and its core-seconds (server, client, PostgreSQL and any other process on"
            + " the machine).%s%n",
        cores,
        inProcess
            ? " The api-server runs in this JVM (the sandbox), so it shares heap and GC with"
                + " the client."
            : "");
    results.stream()
        .filter(r -> r.endpoint().path().endsWith("/status"))
        .findFirst()
        .ifPresent(
            r -> {
              double p99 = millis(percentile(r.sortedNanos(), 99));
              boolean met = r.errors() == 0 && r.perSecond() >= 5_000 && p99 < 20;
              System.out.printf(
                  Locale.ROOT,
                  "aim (status >= 5,000 req/s, p99 < 20 ms, no errors): %s (%.0f req/s, p99 %.2f"
                      + " ms)%n",
                  met ? "met" : "NOT met",
                  r.perSecond(),
                  p99);
            });
  }

  /** Nearest-rank percentile of sorted values. */
  private static long percentile(long[] sorted, int percent) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }

  /** Busy and total jiffies of all cores, from /proc/stat; zeros when unreadable. */
  private static long[] machineCpu() {
    try {
      String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < fields.length && i <= 8; i++) {
        total += Long.parseLong(fields[i]);
      }
      long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
      return new long[] {total - idle, total};
    } catch (IOException | RuntimeException e) {
      return new long[] {0, 0};
    }
  }

  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }

  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String uptime() {
    try {
      Process process = new ProcessBuilder("uptime").redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor();
      return out.trim();
    } catch (IOException e) {
      return "load average " + loadAverage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "load average " + loadAverage();
    }
  }

  private static int intOption(Map<String, String> options, String name, int fallback) {
    String value = options.get(name);
    return value == null ? fallback : Integer.parseInt(value.replace("_", "").replace(",", ""));
  }

  private static int count(String text, String needle) {
    int count = 0;
    for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
      count++;
    }
    return count;
  }

  private static String field(String json, String name) {
    Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
    if (!matcher.find()) {
      throw new IllegalStateException("no " + name + " in " + json);
    }
    return matcher.group(1);
  }

  /**
   * One keep-alive HTTP/1.1 connection: writes a pre-built request, reads the status line, the
   * headers and the body (Content-Length or chunked). Just enough HTTP for the api-server.
   */
  private static final class Connection implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final byte[] line = new byte[8192];
    // Our own buffer: BufferedInputStream.read() takes a lock per byte.
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private boolean mustClose;
    private byte[] lastBody = new byte[0];
    private boolean keepBody;

    Connection(String host, int port) throws IOException {
      socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(READ_TIMEOUT_MILLIS);
      socket.connect(new InetSocketAddress(host, port), READ_TIMEOUT_MILLIS);
      out = socket.getOutputStream();
      in = socket.getInputStream();
    }

    /** Sends and reads the answer; the body is discarded. */
    int exchange(byte[] request) throws IOException {
      out.write(request);
      out.flush();
      return readResponse();
    }

    /** Sends and answers the body; anything but the expected status is an exception. */
    String expect(byte[] request, int expected) throws IOException {
      keepBody = true;
      try {
        int status = exchange(request);
        String body = new String(lastBody, StandardCharsets.UTF_8);
        if (status != expected) {
          throw new IOException("expected HTTP " + expected + " but got " + status + ": " + body);
        }
        return body;
      } finally {
        keepBody = false;
      }
    }

    boolean mustClose() {
      return mustClose;
    }

    private int readResponse() throws IOException {
      String statusLine = readLine();
      if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.")) {
        throw new IOException("not an HTTP answer: " + statusLine);
      }
      int status = Integer.parseInt(statusLine.substring(9, 12));
      long contentLength = -1;
      boolean chunked = false;
      mustClose = statusLine.startsWith("HTTP/1.0");
      while (true) {
        String header = readLine();
        if (header.isEmpty()) {
          break;
        }
        int colon = header.indexOf(':');
        if (colon <= 0) {
          continue;
        }
        String name = header.substring(0, colon).trim();
        String value = header.substring(colon + 1).trim();
        if (name.equalsIgnoreCase("Content-Length")) {
          contentLength = Long.parseLong(value);
        } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
          chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        } else if (name.equalsIgnoreCase("Connection")) {
          mustClose = value.equalsIgnoreCase("close");
        }
      }
      ByteArrayOutputStream body = keepBody ? new ByteArrayOutputStream() : null;
      if (chunked) {
        while (true) {
          String size = readLine();
          int semicolon = size.indexOf(';');
          String hex = semicolon >= 0 ? size.substring(0, semicolon) : size;
          long chunk = Long.parseLong(hex.trim(), 16);
          if (chunk == 0) {
            while (!readLine().isEmpty()) {
              // trailers
            }
            break;
          }
          consume(chunk, body);
          readLine();
        }
      } else if (contentLength >= 0) {
        consume(contentLength, body);
      } else if (status != 204 && status != 304 && status >= 200) {
        // No length: the body runs to the end of the connection.
        mustClose = true;
        while (fill()) {
          if (body != null) {
            body.write(buffer, position, limit - position);
          }
          position = limit;
        }
      }
      if (body != null) {
        lastBody = body.toByteArray();
      }
      return status;
    }

    private void consume(long length, ByteArrayOutputStream body) throws IOException {
      long left = length;
      while (left > 0) {
        if (position == limit && !fill()) {
          throw new EOFException("connection closed in the middle of a body");
        }
        int take = (int) Math.min(limit - position, left);
        if (body != null) {
          body.write(buffer, position, take);
        }
        position += take;
        left -= take;
      }
    }

    /** Reads more into the empty buffer; false at the end of the stream. */
    private boolean fill() throws IOException {
      int read = in.read(buffer, 0, buffer.length);
      if (read < 0) {
        return false;
      }
      position = 0;
      limit = read;
      return true;
    }

    /** A CRLF-terminated line, without the CRLF. */
    private String readLine() throws IOException {
      int length = 0;
      while (true) {
        if (position == limit && !fill()) {
          throw new EOFException("connection closed by the server");
        }
        int b = buffer[position++];
        if (b == '\n') {
          break;
        }
        if (length == line.length) {
          throw new IOException("header line too long");
        }
        line[length++] = (byte) b;
      }
      if (length > 0 && line[length - 1] == '\r') {
        length--;
      }
      return new String(line, 0, length, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
      try {
        socket.close();
      } catch (IOException e) {
        // nothing to do
      }
    }
  }
}

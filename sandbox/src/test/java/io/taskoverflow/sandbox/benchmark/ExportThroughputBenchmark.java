package io.taskoverflow.sandbox.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.job.ExportLabels;
import io.taskoverflow.model.status.ExportPhase;
import io.taskoverflow.sandbox.Sandbox;
import io.taskoverflow.sandbox.SandboxDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Submits many exports at once to a fresh sandbox and prints how fast the operator turns them into
 * Jobs and the Jobs' outcomes into status, and whether any export was lost or done twice.
 *
 * <p>{@code ./mvnw -pl sandbox -Pbenchmark verify -Dbenchmark=ExportThroughputBenchmark
 * -Dbenchmark.args="[exports=500] [todos=20] [--verbose]"}
 *
 * <p>Times are when this process's informers receive each change (nanoTime), not the API's
 * timestamps, which have second resolution. The node capacity (max running pods) bounds how many
 * generator JVMs run at once, as a real node's would; the default is the sandbox's.
 */
public final class ExportThroughputBenchmark {

  private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(60);
  private static final int SUBMITTERS = 16;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final int exports;
  private final int todos;

  /** Receipt times (nanoTime) by export name. */
  private final Map<String, Long> exportSeen = new ConcurrentHashMap<>();

  private final Map<String, Long> jobSeen = new ConcurrentHashMap<>();
  private final Map<String, Long> jobFinishedSeen = new ConcurrentHashMap<>();
  private final Map<String, Long> finalSeen = new ConcurrentHashMap<>();

  /** Every Job uid seen per export: more than one means a duplicate, even a short-lived one. */
  private final Map<String, Set<String>> jobUids = new ConcurrentHashMap<>();

  private final Set<String> submitted = ConcurrentHashMap.newKeySet();
  private CountDownLatch allFinal;

  private ExportThroughputBenchmark(int exports, int todos) {
    this.exports = exports;
    this.todos = todos;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    boolean verbose = false;
    for (String arg : args) {
      if (arg.equals("--verbose")) {
        verbose = true;
      } else if (arg.contains("=")) {
        options.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
      } else {
        options.put("exports", arg);
      }
    }
    if (!verbose) {
      // Before the first logger exists: the figures, not one line per pod.
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    int exports = Integer.parseInt(options.getOrDefault("exports", "500"));
    int todos = Integer.parseInt(options.getOrDefault("todos", "20"));
    boolean ok = new ExportThroughputBenchmark(exports, todos).run();
    System.exit(ok ? 0 : 1);
  }

  private boolean run() throws Exception {
    Path work = Files.createTempDirectory("export-throughput-benchmark");
    System.out.printf("Starting a fresh sandbox (work directory %s)%n", work);
    try (Sandbox sandbox =
        Sandbox.builder()
            .workDirectory(work)
            .fresh(true)
            // The burst is the point: the api-server must accept every export of it.
            .apiEnv("MAX_EXPORTS_IN_FLIGHT", String.valueOf(Math.max(exports, 1)))
            .start()) {
      String api = sandbox.apiBaseUrl() + "/api/v1";
      HttpClient http = HttpClient.newHttpClient();
      for (int i = 0; i < todos; i++) {
        post(
            http,
            api + "/todos",
            "{\"title\":\"Benchmark todo %d\",\"deadline_at\":\"2026-08-%02dT09:00:00\"}"
                .formatted(i, 1 + i % 28),
            201);
      }
      allFinal = new CountDownLatch(exports);
      List<SharedIndexInformer<?>> informers = watch(sandbox.client());
      try {
        return measure(sandbox, http, api);
      } finally {
        informers.forEach(SharedIndexInformer::close);
      }
    }
  }

  private boolean measure(Sandbox sandbox, HttpClient http, String api) throws Exception {
    System.out.printf("Submitting %d exports of %d todos each%n", exports, todos);
    long start = System.nanoTime();
    ExecutorService submitters = Executors.newFixedThreadPool(SUBMITTERS);
    List<Future<String>> answers = new ArrayList<>();
    for (int i = 0; i < exports; i++) {
      // A name of its own: exports with equal options over unchanged todos would reuse a calendar.
      String options = "{\"calendar_name\":\"Benchmark export %d\"}".formatted(i);
      answers.add(submitters.submit(() -> taskId(post(http, api + "/todos/ical", options, 202))));
    }
    for (Future<String> answer : answers) {
      submitted.add(answer.get());
    }
    submitters.shutdown();
    long accepted = System.nanoTime();
    System.out.printf(
        "All %d accepted (202) in %.1f s; waiting for them to finish%n",
        exports, seconds(accepted - start));

    long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
    while (!allFinal.await(15, TimeUnit.SECONDS)) {
      System.out.printf(
          "  %4.0f s: %d/%d finished, %d Jobs created, load %s%n",
          seconds(System.nanoTime() - start),
          exports - allFinal.getCount(),
          exports,
          jobSeen.size(),
          loadAverage());
      if (System.nanoTime() > deadline) {
        System.out.println("Giving up: not all exports finished in " + GIVE_UP_AFTER);
        break;
      }
    }
    long end = finalSeen.values().stream().mapToLong(Long::longValue).max().orElse(start);
    String load = loadAverage();
    return report(sandbox, start, end, load);
  }

  private boolean report(Sandbox sandbox, long start, long end, String load) throws Exception {
    KubernetesClient client = sandbox.client();
    List<CalendarExport> stored = client.resources(CalendarExport.class).list().getItems();
    Map<String, Long> jobsPerExport =
        client.batch().v1().jobs().withLabel(ExportLabels.EXPORT).list().getItems().stream()
            .collect(
                Collectors.groupingBy(
                    job -> job.getMetadata().getLabels().get(ExportLabels.EXPORT),
                    Collectors.counting()));
    Map<String, Long> jobCreatedEvents =
        client.v1().events().list().getItems().stream()
            .filter(event -> "JobCreated".equals(event.getReason()))
            .collect(
                Collectors.groupingBy(
                    (Event event) -> event.getInvolvedObject().getName(), Collectors.counting()));
    Map<String, Long> podsPerExport =
        client.pods().withLabel(ExportLabels.EXPORT).list().getItems().stream()
            .collect(
                Collectors.groupingBy(
                    pod -> pod.getMetadata().getLabels().get(ExportLabels.EXPORT),
                    Collectors.counting()));
    Set<String> calendarUids = calendarUids(sandbox);

    Set<String> names =
        stored.stream().map(e -> e.getMetadata().getName()).collect(Collectors.toSet());
    Set<String> exportUids =
        stored.stream().map(e -> e.getMetadata().getUid()).collect(Collectors.toSet());
    long succeeded =
        stored.stream()
            .filter(e -> e.getStatus() != null && e.getStatus().getPhase() == ExportPhase.SUCCEEDED)
            .count();
    long lost = submitted.stream().filter(name -> !names.contains(name)).count();
    long withoutOneJob =
        submitted.stream().filter(name -> jobsPerExport.getOrDefault(name, 0L) != 1).count();
    long everTwoJobs = jobUids.values().stream().filter(uids -> uids.size() > 1).count();
    long twoJobCreatedEvents =
        submitted.stream().filter(name -> jobCreatedEvents.getOrDefault(name, 0L) != 1).count();
    long retried = podsPerExport.values().stream().filter(pods -> pods > 1).count();
    Set<String> missingCalendars = new HashSet<>(exportUids);
    missingCalendars.removeAll(calendarUids);
    Set<String> strayCalendars = new HashSet<>(calendarUids);
    strayCalendars.removeAll(exportUids);

    double wall = seconds(end - start);
    System.out.println();
    System.out.println("=== Export throughput on the sandbox ===");
    System.out.printf(
        "exports %d, todos per export %d, %d processors, load average %.2f%n",
        exports,
        todos,
        Runtime.getRuntime().availableProcessors(),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.println(
        latencies("CR created -> Job created          ", between(exportSeen, jobSeen)));
    System.out.println(
        latencies("Job Complete -> final (<0: earlier) ", between(jobFinishedSeen, finalSeen)));
    System.out.println(
        latencies("CR created -> Succeeded (end to end)", between(exportSeen, finalSeen)));
    System.out.println(order());
    System.out.printf(
        "wall time (first submission -> last final status) %.1f s; throughput %.2f exports/s%n",
        wall, wall > 0 ? finalSeen.size() / wall : 0);
    System.out.printf("load average at the end: %s%n", load);
    System.out.println();
    System.out.printf(
        "submitted %d, resources found %d, lost %d%n", submitted.size(), names.size(), lost);
    System.out.printf("succeeded %d of %d%n", succeeded, exports);
    System.out.printf(
        "exactly one Job per export: %s (exports without exactly one Job now %d, ever with two"
            + " Job uids %d, without exactly one JobCreated event %d)%n",
        withoutOneJob == 0 && everTwoJobs == 0 && twoJobCreatedEvents == 0 ? "yes" : "NO",
        withoutOneJob,
        everTwoJobs,
        twoJobCreatedEvents);
    System.out.printf(
        "one calendar per export uid: %s (%d stored, %d missing, %d without an export)%n",
        missingCalendars.isEmpty() && strayCalendars.isEmpty() ? "yes" : "NO",
        calendarUids.size(),
        missingCalendars.size(),
        strayCalendars.size());
    System.out.printf("exports whose generator needed a retry: %d%n", retried);
    boolean ok =
        lost == 0
            && succeeded == exports
            && withoutOneJob == 0
            && everTwoJobs == 0
            && twoJobCreatedEvents == 0
            && missingCalendars.isEmpty()
            && strayCalendars.isEmpty();
    System.out.println(ok ? "VERDICT: none lost, none duplicated" : "VERDICT: PROBLEM (see above)");
    return ok;
  }

  private List<SharedIndexInformer<?>> watch(KubernetesClient client) {
    SharedIndexInformer<CalendarExport> exportInformer =
        client
            .resources(CalendarExport.class)
            .inform(
                new Handler<>() {
                  @Override
                  void seen(CalendarExport export, long now) {
                    String name = export.getMetadata().getName();
                    exportSeen.putIfAbsent(name, now);
                    ExportPhase phase =
                        export.getStatus() == null ? null : export.getStatus().getPhase();
                    if (phase != null
                        && phase.isFinal()
                        && finalSeen.putIfAbsent(name, now) == null) {
                      allFinal.countDown();
                    }
                  }
                });
    SharedIndexInformer<Job> jobInformer =
        client
            .batch()
            .v1()
            .jobs()
            .withLabel(ExportLabels.EXPORT)
            .inform(
                new Handler<>() {
                  @Override
                  void seen(Job job, long now) {
                    String export = job.getMetadata().getLabels().get(ExportLabels.EXPORT);
                    jobSeen.putIfAbsent(export, now);
                    jobUids
                        .computeIfAbsent(export, key -> ConcurrentHashMap.newKeySet())
                        .add(job.getMetadata().getUid());
                    boolean finished =
                        job.getStatus() != null
                            && job.getStatus().getConditions().stream()
                                .anyMatch(
                                    c ->
                                        ("Complete".equals(c.getType())
                                                || "Failed".equals(c.getType()))
                                            && "True".equals(c.getStatus()));
                    if (finished) {
                      jobFinishedSeen.putIfAbsent(export, now);
                    }
                  }
                });
    return List.of(exportInformer, jobInformer);
  }

  /** Receipt time of every add and update, taken before anything else is done. */
  private abstract static class Handler<T> implements ResourceEventHandler<T> {

    abstract void seen(T object, long nanoTime);

    @Override
    public void onAdd(T object) {
      seen(object, System.nanoTime());
    }

    @Override
    public void onUpdate(T oldObject, T newObject) {
      seen(newObject, System.nanoTime());
    }

    @Override
    public void onDelete(T object, boolean deletedFinalStateUnknown) {}
  }

  /** Milliseconds from {@code from} to {@code to}, for the submitted exports that have both. */
  private long[] between(Map<String, Long> from, Map<String, Long> to) {
    return submitted.stream()
        .filter(name -> from.containsKey(name) && to.containsKey(name))
        .mapToLong(name -> TimeUnit.NANOSECONDS.toMillis(to.get(name) - from.get(name)))
        .sorted()
        .toArray();
  }

  /**
   * How closely completion followed submission: each export's rank by CR creation against its rank
   * by final status (Spearman's rho, 1 = first come first served exactly).
   */
  private String order() {
    List<String> both =
        submitted.stream()
            .filter(name -> exportSeen.containsKey(name) && finalSeen.containsKey(name))
            .toList();
    List<String> bySubmission =
        both.stream().sorted(Comparator.comparing(exportSeen::get)).toList();
    List<String> byCompletion = both.stream().sorted(Comparator.comparing(finalSeen::get)).toList();
    long n = both.size();
    long squares = 0;
    int largest = 0;
    for (int rank = 0; rank < n; rank++) {
      int displacement = byCompletion.indexOf(bySubmission.get(rank)) - rank;
      squares += (long) displacement * displacement;
      largest = Math.max(largest, Math.abs(displacement));
    }
    double rho = n < 2 ? 1 : 1 - 6.0 * squares / (n * (n * n - 1));
    return "order: submission rank vs completion rank, Spearman rho %.3f, largest displacement %d places (%d exports)"
        .formatted(rho, largest, n);
  }

  private static String latencies(String label, long[] millis) {
    if (millis.length == 0) {
      return label + ": no samples";
    }
    return "%s: p50 %6d ms, p99 %6d ms, max %6d ms (%d samples)"
        .formatted(
            label,
            percentile(millis, 50),
            percentile(millis, 99),
            millis[millis.length - 1],
            millis.length);
  }

  /** Nearest-rank percentile of sorted values. */
  private static long percentile(long[] sorted, int percent) {
    int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  private static Set<String> calendarUids(Sandbox sandbox) throws SQLException {
    Set<String> uids = new HashSet<>();
    try (Connection connection = SandboxDatabase.connect(sandbox);
        ResultSet rows =
            connection.createStatement().executeQuery("SELECT export_uid FROM calendar_results")) {
      while (rows.next()) {
        uids.add(rows.getString(1));
      }
    }
    return uids;
  }

  private static String post(HttpClient http, String url, String json, int expected)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(json));
    if (!json.isEmpty()) {
      request.header("Content-Type", "application/json");
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != expected) {
      throw new IllegalStateException(
          "POST " + url + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  private static String taskId(String body) throws IOException {
    return JSON.readTree(body).get("task_id").asText();
  }

  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}

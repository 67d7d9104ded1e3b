package io.taskoverflow.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sandbox killed with SIGKILL leaves its processes behind; the next start stops them. */
class LeftoversE2E {

  @TempDir Path workDirectory;

  @Test
  void theNextStartStopsWhatAKilledSandboxLeftRunning() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Process killed =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                SandboxMain.class.getName(),
                "--port",
                String.valueOf(port),
                "--work-dir",
                workDirectory.toString())
            .redirectErrorStream(true)
            .start();
    List<String> output = new CopyOnWriteArrayList<>();
    Thread reader = ProcessLines.collect(killed, output);
    await()
        .atMost(Duration.ofMinutes(3))
        .until(() -> output.stream().anyMatch(line -> line.contains("sandbox is up")));
    String jdbcUrl =
        output.stream()
            .filter(line -> line.trim().startsWith("PostgreSQL   jdbc:"))
            .map(line -> line.trim().split("\\s+")[1])
            .findFirst()
            .orElseThrow();
    String api = "http://localhost:" + port + "/api/v1";
    post(api + "/todos", "{\"title\":\"Keep the generator busy\"}");
    List<ProcessHandle> left;
    try (Connection lock = DriverManager.getConnection(jdbcUrl, "postgres", "sandbox")) {
      lock.setAutoCommit(false);
      lock.createStatement().execute("LOCK TABLE todos IN ACCESS EXCLUSIVE MODE");
      String taskId =
          post(api + "/todos/ical", "{}").replaceAll(".*\"task_id\":\"([^\"]+)\".*", "$1");
      await()
          .atMost(Duration.ofMinutes(3))
          .failFast(() -> !killed.isAlive())
          .until(() -> get(api + "/todos/ical/" + taskId + "/status").contains("\"STARTED\""));

      // PostgreSQL is started through pg_ctl, which detaches it: its pid is in its data directory.
      long postmaster =
          Long.parseLong(
              Files.readAllLines(workDirectory.resolve("postgres/postmaster.pid")).get(0).trim());
      left = Stream.concat(killed.descendants(), ProcessHandle.of(postmaster).stream()).toList();
      killed.destroyForcibly().waitFor(); // while the lock still holds the generator
    } finally {
      killed.destroyForcibly().waitFor();
      reader.join(5000);
    }
    assertThat(left).as("a generator still runs").anyMatch(LeftoversE2E::isGenerator);
    // etcd, kube-apiserver, kube-controller-manager, kube-scheduler, the generator, PostgreSQL
    assertThat(left).as("the processes a SIGKILL leaves behind").hasSizeGreaterThanOrEqualTo(6);
    assertThat(left).allMatch(ProcessHandle::isAlive);

    try (Sandbox next = Sandbox.builder().workDirectory(workDirectory).onFreePorts().start()) {
      assertThat(left).noneMatch(ProcessHandle::isAlive);
      ExportApi nextApi = new ExportApi(next);
      assertThat(nextApi.health()).isEqualTo(200);
      String taskId = nextApi.startExport();
      await()
          .atMost(Duration.ofMinutes(2))
          .until(() -> nextApi.taskStatus(taskId).equals("SUCCESS"));
    }
  }

  /** Read from /proc: ProcessHandle.Info cuts long command lines short. */
  private static boolean isGenerator(ProcessHandle process) {
    try {
      return Files.readString(Path.of("/proc", String.valueOf(process.pid()), "cmdline"))
          .contains("io.taskoverflow.generator.GeneratorMain");
    } catch (java.io.IOException gone) {
      return false;
    }
  }

  private static String get(String url) throws Exception {
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static String post(String url, String json) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    return response.body();
  }
}

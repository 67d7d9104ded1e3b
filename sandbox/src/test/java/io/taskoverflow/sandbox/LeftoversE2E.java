package io.taskoverflow.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
    Thread reader = readLines(killed, output);
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
      post(api + "/todos/ical", "{}");
      await()
          .atMost(Duration.ofMinutes(3))
          .failFast(() -> !killed.isAlive())
          .until(() -> generatorOf(killed) != null);

      left = killed.descendants().toList();
      killed.destroyForcibly().waitFor();
    }
    reader.join(5000);
    assertThat(left).as("the processes a SIGKILL leaves behind").hasSizeGreaterThan(5);
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

  private static ProcessHandle generatorOf(Process sandbox) {
    return sandbox
        .descendants()
        .filter(
            p ->
                p.info().arguments().map(List::of).orElse(List.of()).stream()
                    .anyMatch(argument -> argument.endsWith("GeneratorMain")))
        .findFirst()
        .orElse(null);
  }

  private static void post(String url, String json) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
  }

  private static Thread readLines(Process process, List<String> lines) {
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  lines.add(line);
                }
              } catch (java.io.IOException e) {
                // the process was killed
              }
            });
    reader.start();
    return reader;
  }
}

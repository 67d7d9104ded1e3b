package io.taskoverflow.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.taskoverflow.controlplane.ChildJvm;
import io.taskoverflow.model.job.ExportLabels;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * {@code sandbox/start} killed with SIGKILL while an export runs leaves the control plane, the node
 * and the pods running; the next start stops them, keeps the cluster's and the database's data, and
 * works.
 */
class SandboxRestartE2E {

  private static final Path WORK = SharedSandbox.WORK_DIRECTORY.toAbsolutePath();

  @Test
  void theNextStartStopsWhatAKilledSandboxLeftAndKeepsItsData() throws Exception {
    SharedSandbox.clean(); // an installation made by this JVM first, whatever ran before
    SharedSandbox.stop();
    Process killed =
        new ProcessBuilder(
                ChildJvm.command(
                    List.of(), SandboxMain.class.getName(), List.of("--work-dir", WORK.toString())))
            .redirectErrorStream(true)
            .start();
    List<String> output = new CopyOnWriteArrayList<>();
    Thread reader = ProcessLines.collect(killed, output);
    List<ProcessHandle> left = new ArrayList<>();
    String api = "http://localhost:" + Sandbox.DEFAULT_API_PORT + "/api/v1";
    String title = "Kept across a restart " + System.nanoTime();
    try {
      await()
          .atMost(Duration.ofMinutes(5))
          .failFast(() -> !killed.isAlive())
          .until(() -> output.stream().anyMatch(line -> line.contains("sandbox is up")));
      post(api + "/todos", "{\"title\":\"" + title + "\"}");
      String taskId =
          post(api + "/todos/ical", "{}").replaceAll(".*\"task_id\":\"([^\"]+)\".*", "$1");
      try (KubernetesClient client = clientOf(WORK.resolve("kubeconfig"))) {
        await()
            .atMost(Duration.ofMinutes(2))
            .until(
                () ->
                    !client
                        .pods()
                        .withLabel(ExportLabels.EXPORT, taskId)
                        .list()
                        .getItems()
                        .isEmpty());
      }
      killed.descendants().forEach(left::add);
      PodProcesses.running("postgres").stream()
          .map(ProcessHandle::of)
          .flatMap(Optional::stream)
          .forEach(left::add);
      killed.destroyForcibly().waitFor();
    } finally {
      killed.destroyForcibly().waitFor();
      reader.join(5000);
    }
    // etcd, kube-apiserver, kube-controller-manager, kube-scheduler, containerd, kubelet,
    // kube-proxy, and PostgreSQL's processes in its pod
    assertThat(left).as("what a SIGKILL leaves behind").hasSizeGreaterThanOrEqualTo(8);
    assertThat(left).allMatch(ProcessHandle::isAlive);

    Path kubeletLog = WORK.resolve("node/logs/kubelet.log");
    long kubeletLogBefore = Files.size(kubeletLog);
    Sandbox next = SharedSandbox.get();

    assertThat(left).noneMatch(ProcessHandle::isAlive);
    // containerd recovers the killed node's pods before its CRI answers; the kubelet waits for
    // that.
    byte[] kubeletLogNow = Files.readAllBytes(kubeletLog);
    assertThat(
            new String(
                kubeletLogNow,
                (int) kubeletLogBefore,
                kubeletLogNow.length - (int) kubeletLogBefore,
                StandardCharsets.UTF_8))
        .as("the kubelet's log of the next start")
        .doesNotContain("command failed");
    assertThat(get(api + "/todos")).as("the todos were kept").contains(title);
    ExportApi nextApi = new ExportApi(next);
    String taskId = nextApi.startFreshExport();
    await().atMost(Duration.ofMinutes(2)).until(() -> nextApi.taskStatus(taskId).equals("SUCCESS"));
  }

  private static KubernetesClient clientOf(Path kubeconfig) throws Exception {
    return new KubernetesClientBuilder()
        .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
        .build();
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

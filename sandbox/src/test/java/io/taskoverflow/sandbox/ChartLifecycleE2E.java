package io.taskoverflow.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The chart as its users drive it: helm upgrade and uninstall, NOTES.txt, exec, port-forward. */
class ChartLifecycleE2E {

  @RegisterExtension static final CleanSandbox e2e = new CleanSandbox();

  private static final Duration LONG = Duration.ofMinutes(3);

  @AfterAll
  static void putTheInstallationBack() {
    e2e.sandbox().install();
  }

  @Test
  void everyCommandOfTheNotesWorksVerbatim() throws Exception {
    e2e.api().createTodo("Read the notes", null, "2026-09-01T09:00:00");
    String notes = e2e.sandbox().helm().run("get", "notes", Sandbox.RELEASE);
    List<String> commands =
        notes
            .lines()
            .map(String::strip)
            .filter(line -> line.startsWith("kubectl ") || line.startsWith("curl "))
            .toList();
    assertThat(commands).as(notes).hasSizeGreaterThanOrEqualTo(6);

    for (String command : commands) {
      ProcessBuilder builder =
          new ProcessBuilder("bash", "-c", command)
              .directory(projectRoot().toFile())
              .redirectErrorStream(true);
      builder.environment().put("KUBECONFIG", e2e.sandbox().kubeconfigPath().toString());
      Process shell = builder.start();
      String output = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(shell.waitFor(3, TimeUnit.MINUTES)).isTrue();
      assertThat(shell.exitValue()).as(command + "\n" + output).isZero();
      if (command.contains("/api/v1/health")) {
        assertThat(output).contains("\"status\":\"ok\"");
      }
      if (command.contains("POST")) {
        assertThat(output).contains("202").contains("task_id");
      }
    }
  }

  @Test
  void upgradeWithAChangedValueRollsTheApiServerAndExportsKeepWorking() {
    List<String> before = podNames("api-server");

    e2e.sandbox()
        .helm()
        .run(
            "upgrade",
            Sandbox.RELEASE,
            projectRoot().resolve("helm/taskoverflow").toString(),
            "--reuse-values",
            "--set",
            "apiServer.maxBodyBytes=70000",
            "--wait",
            "--timeout",
            "300s");

    assertThat(podNames("api-server")).doesNotContainAnyElementsOf(before).hasSize(1);
    assertThat(
            e2e.sandbox()
                .client()
                .apps()
                .deployments()
                .withName(Sandbox.API_SERVER_DEPLOYMENT)
                .get()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getEnv())
        .anySatisfy(
            env -> {
              assertThat(env.getName()).isEqualTo("MAX_BODY_BYTES");
              assertThat(env.getValue()).isEqualTo("70000");
            });
    await().atMost(LONG).until(() -> e2e.api().health() == 200);
    e2e.api().createTodo("After the upgrade", null, "2026-09-02T09:00:00");
    String taskId = e2e.api().startFreshExport();
    await().atMost(LONG).until(() -> e2e.api().taskStatus(taskId).equals("SUCCESS"));
  }

  @Test
  void execAndPortForwardReachThePods() throws Exception {
    String user =
        e2e.kubectl().run("exec", "deployment/" + Sandbox.API_SERVER_DEPLOYMENT, "--", "id", "-u");
    assertThat(user.strip()).isEqualTo("65532");

    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Process forward =
        e2e.kubectl()
            .start("port-forward", "deployment/" + Sandbox.OPERATOR_DEPLOYMENT, port + ":8080");
    try {
      HttpClient http = HttpClient.newHttpClient();
      URI readyz = URI.create("http://127.0.0.1:" + port + "/readyz");
      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .until(
              () ->
                  http.send(
                              HttpRequest.newBuilder(readyz).build(),
                              HttpResponse.BodyHandlers.ofString())
                          .statusCode()
                      == 200);
    } finally {
      forward.destroy();
    }
  }

  @Test
  void uninstallLeavesTheCrdsTheDatabaseClaimAndSecretAndNothingElse() {
    // No exports (the users' own objects, which outlive the release with the CRDs): only the
    // chart's.
    SharedSandbox.clean();
    e2e.api().createTodo("Outlives the release", null, "2026-09-03T09:00:00");

    try {
      e2e.sandbox().helm().run("uninstall", Sandbox.RELEASE, "--wait", "--timeout", "300s");
      assertOnlyTheCrdsClaimAndSecretRemain();
    } finally {
      e2e.sandbox().install();
    }

    assertThat(e2e.api().health()).isEqualTo(200);
    assertThat(e2e.api().todoTitles()).contains("Outlives the release");
  }

  private static void assertOnlyTheCrdsClaimAndSecretRemain() {
    var client = e2e.sandbox().client();
    assertThat(
            client
                .apiextensions()
                .v1()
                .customResourceDefinitions()
                .withName("calendarexports.taskoverflow.io")
                .get())
        .isNotNull();
    await()
        .atMost(LONG)
        .untilAsserted(
            () -> {
              List<String> left = new ArrayList<>();
              Stream.of(
                      client.apps().deployments().list().getItems(),
                      client.apps().statefulSets().list().getItems(),
                      client.services().list().getItems(),
                      client.batch().v1().jobs().list().getItems(),
                      client.pods().list().getItems(),
                      client.rbac().roles().list().getItems(),
                      client.rbac().roleBindings().list().getItems(),
                      client.network().v1().networkPolicies().list().getItems(),
                      client.serviceAccounts().list().getItems(),
                      client.secrets().list().getItems(),
                      client.persistentVolumeClaims().list().getItems())
                  .flatMap(List::stream)
                  .map(ChartLifecycleE2E::describe)
                  .filter(name -> !name.equals("ServiceAccount/default"))
                  .forEach(left::add);
              assertThat(left)
                  .containsExactlyInAnyOrder(
                      "Secret/" + Sandbox.DB_SECRET,
                      "PersistentVolumeClaim/data-" + Sandbox.POSTGRESQL_STATEFULSET + "-0");
            });
  }

  private static String describe(HasMetadata object) {
    return object.getKind() + "/" + object.getMetadata().getName();
  }

  private static List<String> podNames(String component) {
    return e2e
        .sandbox()
        .client()
        .pods()
        .withLabel("app.kubernetes.io/component", component)
        .list()
        .getItems()
        .stream()
        .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null)
        .map(Pod::getMetadata)
        .map(meta -> meta.getName())
        .toList();
  }

  private static Path projectRoot() {
    return Path.of("").toAbsolutePath().getParent();
  }
}

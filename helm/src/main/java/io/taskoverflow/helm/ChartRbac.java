package io.taskoverflow.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.taskoverflow.controlplane.ChildJvm;
import io.taskoverflow.controlplane.Directories;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The ServiceAccounts, Roles and RoleBindings that the project's Helm chart renders, so that each
 * component can run under exactly the permissions a real installation gives it.
 */
public final class ChartRbac {

  /**
   * The release name the sandbox and the tests install as: objects are named {@code
   * taskoverflow-*}.
   */
  public static final String RELEASE = "taskoverflow";

  public static final String OPERATOR_ACCOUNT = RELEASE + "-operator";
  public static final String API_SERVER_ACCOUNT = RELEASE + "-api-server";
  public static final String GENERATOR_ACCOUNT = RELEASE + "-generator";

  /** The Secret with the database's jdbc-url, username and password. */
  public static final String DATABASE_SECRET = RELEASE + "-db";

  /**
   * The values of an installation like the sandbox's: a database outside the chart (the sandbox's
   * embedded PostgreSQL) and one operator, so no leader election.
   */
  public static final Map<String, Object> SANDBOX_VALUES =
      Map.of(
          "postgresql.enabled", false,
          "database.existingSecret", DATABASE_SECRET,
          "operator.leaderElection.enabled", false);

  static final String CHART = "helm/taskoverflow";
  private static final Set<String> KINDS =
      Set.of("ServiceAccount", "Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding");

  private ChartRbac() {}

  /** The chart's RBAC objects for a release in {@code namespace}, with {@code --set} values. */
  public static List<HasMetadata> render(
      KubernetesClient client, String namespace, Map<String, Object> values) {
    String manifests = renderInChildProcess(namespace, values);
    return client
        .load(new ByteArrayInputStream(manifests.getBytes(StandardCharsets.UTF_8)))
        .items()
        .stream()
        .filter(object -> KINDS.contains(object.getKind()))
        .toList();
  }

  /**
   * helm-java is Go loaded into the JVM, and the Go runtime takes over the process's signal
   * handling (SIGTERM would no longer run shutdown hooks): so it renders in a JVM of its own. That
   * JVM gets a temporary directory of its own, deleted afterwards: helm-java unpacks its 93 MB
   * library there each time and never removes it.
   */
  private static String renderInChildProcess(String namespace, Map<String, Object> values) {
    Path scratch;
    try {
      scratch = Files.createTempDirectory("chart-rbac");
    } catch (IOException e) {
      throw new UncheckedIOException("could not create a temporary directory", e);
    }
    List<String> arguments = new ArrayList<>();
    arguments.add(chart(Path.of("").toAbsolutePath()).toString());
    arguments.add(namespace);
    values.forEach((key, value) -> arguments.add(key + "=" + value));
    List<String> command =
        ChildJvm.command(
            List.of("-Djava.io.tmpdir=" + scratch), ChartRbac.class.getName(), arguments);
    try {
      Process process = new ProcessBuilder(command).start();
      CompletableFuture<String> errors =
          CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
      String manifests = readAll(process.getInputStream());
      if (process.waitFor() != 0) {
        throw new IllegalStateException("rendering the chart failed: " + errors.join());
      }
      return manifests;
    } catch (IOException e) {
      throw new UncheckedIOException("could not render the chart", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while rendering the chart", e);
    } finally {
      Directories.deleteRecursively(scratch);
    }
  }

  /** {@code ChartRbac <chart> <namespace> [key=value ...]}: prints the rendered manifests. */
  public static void main(String[] args) {
    TemplateCommand template =
        new Helm(Path.of(args[0])).template().withName(RELEASE).withNamespace(args[1]);
    for (int i = 2; i < args.length; i++) {
      String[] value = args[i].split("=", 2);
      template = template.set(value[0], value[1]);
    }
    System.out.print(template.call());
    System.out.flush();
    // The Go runtime's threads would keep the JVM alive.
    Runtime.getRuntime().halt(0);
  }

  private static String readAll(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Renders and creates (or updates) the chart's RBAC objects; returns them. */
  public static List<HasMetadata> apply(
      KubernetesClient admin, String namespace, Map<String, Object> values) {
    List<HasMetadata> objects = render(admin, namespace, values);
    for (HasMetadata object : objects) {
      admin.resource(object).inNamespace(namespace).forceConflicts().serverSideApply();
    }
    return objects;
  }

  /** The chart, found from the working directory or any parent of it. */
  static Path chart(Path start) {
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(CHART).resolve("Chart.yaml"))) {
        return dir.resolve(CHART);
      }
    }
    throw new IllegalStateException("the chart " + CHART + " was not found above " + start);
  }
}

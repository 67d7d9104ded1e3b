package io.taskoverflow.controlplane;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    TemplateCommand template =
        new Helm(chart(Path.of("").toAbsolutePath()))
            .template()
            .withName(RELEASE)
            .withNamespace(namespace);
    for (Map.Entry<String, Object> value : values.entrySet()) {
      template = template.set(value.getKey(), value.getValue());
    }
    String manifests = template.call();
    return client
        .load(new ByteArrayInputStream(manifests.getBytes(StandardCharsets.UTF_8)))
        .items()
        .stream()
        .filter(object -> KINDS.contains(object.getKind()))
        .toList();
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

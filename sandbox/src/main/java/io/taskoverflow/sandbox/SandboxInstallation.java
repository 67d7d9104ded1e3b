package io.taskoverflow.sandbox;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.taskoverflow.controlplane.ChartRbac;
import io.taskoverflow.controlplane.CustomResourceDefinitions;
import io.taskoverflow.model.CustomResourceDefinitionFiles;
import java.util.Map;

/**
 * What {@code kubectl apply -f crds/} and {@code helm install} put into a cluster, as far as the
 * sandbox runs it: the namespace, the CRD, the chart's ServiceAccounts and RBAC, and the database
 * Secret (the chart's existing-Secret case).
 */
final class SandboxInstallation {

  private SandboxInstallation() {}

  static void install(KubernetesClient admin, String namespace, Secret databaseSecret) {
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(namespace)
                .withLabels(
                    Map.of(
                        "pod-security.kubernetes.io/enforce", "restricted",
                        "pod-security.kubernetes.io/warn", "restricted"))
                .endMetadata()
                .build())
        .serverSideApply();
    CustomResourceDefinitionFiles.generated()
        .forEach(crd -> CustomResourceDefinitions.install(admin, crd));
    ChartRbac.apply(admin, namespace, ChartRbac.SANDBOX_VALUES);
    admin.resource(databaseSecret).inNamespace(namespace).forceConflicts().serverSideApply();
  }
}

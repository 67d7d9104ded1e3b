package io.taskoverflow.operator;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.taskoverflow.controlplane.ControlPlane;
import io.taskoverflow.controlplane.CustomResourceDefinitions;
import io.taskoverflow.controlplane.Directories;
import io.taskoverflow.model.CustomResourceDefinitionFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real Kubernetes control plane for every operator IT of this JVM, as it takes seconds to
 * start: the CalendarExport CRD installed, and one Node for the {@link TestKubelet} to bind pods
 * to. Closed when all tests are done.
 */
final class TestCluster implements AutoCloseable {

  static final String NODE = "test-node";

  private final ControlPlane controlPlane;
  private final Path workDirectory;

  private TestCluster(ControlPlane controlPlane, Path workDirectory) {
    this.controlPlane = controlPlane;
    this.workDirectory = workDirectory;
  }

  static TestCluster shared(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(TestCluster.class, key -> start(), TestCluster.class);
  }

  private static TestCluster start() {
    try {
      Path workDirectory = Files.createTempDirectory("operator-it-kubernetes");
      ControlPlane controlPlane = ControlPlane.builder().workDirectory(workDirectory).start();
      TestCluster cluster = new TestCluster(controlPlane, workDirectory);
      CustomResourceDefinitionFiles.generated().forEach(cluster::installCrd);
      // A node object, so that bound pods are not collected as orphans of a missing node.
      controlPlane
          .adminClient()
          .nodes()
          .resource(new NodeBuilder().withNewMetadata().withName(NODE).endMetadata().build())
          .create();
      return cluster;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  ControlPlane controlPlane() {
    return controlPlane;
  }

  KubernetesClient admin() {
    return controlPlane.adminClient();
  }

  /** The CRD as the model module generates it. */
  static CustomResourceDefinition generatedCrd() {
    return CustomResourceDefinitionFiles.generated(CustomResourceDefinitionFiles.NAMES.get(0));
  }

  /** Creates or replaces the CRD and waits until the API server serves it. */
  void installCrd(CustomResourceDefinition crd) {
    CustomResourceDefinitions.install(admin(), crd);
  }

  /** Stops the control plane; its logs stay, etcd's data (the bulk of it) goes. */
  @Override
  public void close() {
    controlPlane.close();
    Directories.deleteRecursively(workDirectory.resolve("etcd"));
  }
}

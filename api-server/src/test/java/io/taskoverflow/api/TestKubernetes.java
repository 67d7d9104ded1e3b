package io.taskoverflow.api;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.taskoverflow.controlplane.ControlPlane;
import io.taskoverflow.controlplane.CustomResourceDefinitions;
import io.taskoverflow.helm.ChartRbac;
import io.taskoverflow.model.CustomResourceDefinitionFiles;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real kube-apiserver (with etcd, no controllers) for one test class, installed as a cluster
 * would be: the namespace, the CalendarExport CRD and the chart's RBAC. The api-server under test
 * gets {@link #apiServerClient()}, which has exactly the chart's api-server Role, so a missing
 * permission fails a test; the test's own setup and assertions use {@link #admin()}.
 */
public final class TestKubernetes implements AutoCloseable {

  /** Written by the CRD generator into the model's jar; the same file as {@code crds/}. */
  private final ControlPlane controlPlane;

  private final KubernetesClient apiServerClient;

  private TestKubernetes(ControlPlane controlPlane, KubernetesClient apiServerClient) {
    this.controlPlane = controlPlane;
    this.apiServerClient = apiServerClient;
  }

  /** Starts the control plane in this directory and installs into {@link TestApi#NAMESPACE}. */
  public static TestKubernetes start(Path workDirectory) {
    String namespace = TestApi.NAMESPACE;
    ControlPlane controlPlane =
        ControlPlane.builder().workDirectory(workDirectory).controllers(false).start();
    try {
      controlPlane.createNamespace(namespace);
      KubernetesClient admin = controlPlane.adminClient();
      installCrd(admin);
      ChartRbac.apply(admin, namespace, ChartRbac.SANDBOX_VALUES);
      String token =
          controlPlane.serviceAccountToken(
              namespace, ChartRbac.API_SERVER_ACCOUNT, Duration.ofHours(1));
      return new TestKubernetes(controlPlane, controlPlane.newClient(token, namespace));
    } catch (RuntimeException e) {
      controlPlane.close();
      throw e;
    }
  }

  private static void installCrd(KubernetesClient admin) {
    CustomResourceDefinitionFiles.generated()
        .forEach(crd -> CustomResourceDefinitions.install(admin, crd));
  }

  /** The cluster administrator: for the test's setup, its operator stand-in and its checks. */
  public KubernetesClient admin() {
    return controlPlane.adminClient();
  }

  /** The kube-apiserver process now, for tests that stop and resume it (SIGSTOP, SIGCONT). */
  public long apiServerPid() {
    return controlPlane.pidOf("kube-apiserver");
  }

  /** As the chart's api-server ServiceAccount: what the api-server under test runs with. */
  public KubernetesClient apiServerClient() {
    return apiServerClient;
  }

  @Override
  public void close() {
    apiServerClient.close();
    controlPlane.close();
  }
}

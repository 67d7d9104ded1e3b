package io.taskoverflow.sandbox.kube;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.taskoverflow.model.CalendarExport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.HashMap;

/**
 * The Kubernetes API of the sandbox: fabric8's mock server in CRUD mode over plain HTTP on
 * localhost, with discovery documents, the CalendarExport CRD and the {@code default} namespace.
 */
public final class MockKubernetes implements AutoCloseable {

  public static final String NAMESPACE = "default";
  static final String CRD_RESOURCE =
      "/META-INF/fabric8/" + CalendarExport.CRD_NAME + "-" + CalendarExport.VERSION + ".yml";

  /** The mock server logs every request at INFO through java.util.logging; kept for the level. */
  private static final java.util.logging.Logger REQUEST_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver.MockWebServer");

  static {
    REQUEST_LOG.setLevel(java.util.logging.Level.WARNING);
  }

  private final KubernetesMockServer server;
  private final KubernetesClient client;

  private MockKubernetes(KubernetesMockServer server) {
    this.server = server;
    this.client = newClient();
  }

  /** Starts the server on {@code port} (0 picks a free one) and registers the CRD. */
  public static MockKubernetes start(int port) {
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(Serialization.jsonMapper()),
            new MockWebServer(),
            new HashMap<>(),
            new DiscoveryDispatcher(new TableDispatcher(new KubernetesCrudDispatcher())),
            false);
    server.init(InetAddress.getLoopbackAddress(), port);
    MockKubernetes kubernetes = new MockKubernetes(server);
    kubernetes.createCrdAndNamespace();
    return kubernetes;
  }

  public String url() {
    return "http://" + server.getHostName() + ":" + server.getPort();
  }

  public int port() {
    return server.getPort();
  }

  /** A client for namespace {@code default}; closed with this object. */
  public KubernetesClient client() {
    return client;
  }

  /** Another client of its own (each component closes its own client). */
  public KubernetesClient newClient() {
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(url())
            .withNamespace(NAMESPACE)
            .withRequestTimeout(30_000)
            .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private void createCrdAndNamespace() {
    try (InputStream yaml = MockKubernetes.class.getResourceAsStream(CRD_RESOURCE)) {
      if (yaml == null) {
        throw new IllegalStateException("CRD not on the class path: " + CRD_RESOURCE);
      }
      CustomResourceDefinition crd = Serialization.unmarshal(yaml, CustomResourceDefinition.class);
      client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .create();
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}

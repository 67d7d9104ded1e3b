package io.taskoverflow.controlplane;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kubernetes control plane on loopback: etcd, kube-apiserver (RBAC and the Node authorizer,
 * the default admission plugins plus NodeRestriction) and, unless left out, kube-controller-manager
 * and kube-scheduler. Every component is the official binary; every port is bound to 127.0.0.1.
 * Clients authenticate with bearer tokens: the static ones of {@link User} and service account
 * tokens from the TokenRequest API.
 */
public final class ControlPlane implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ControlPlane.class);
  private static final String LOOPBACK = "127.0.0.1";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Settings settings;
  private final Map<User, String> tokens = new LinkedHashMap<>();
  private final Deque<ComponentProcess> processes = new ArrayDeque<>();
  private String url;
  private Path caCertificate;
  private ClusterCertificates certificates;
  private Path adminKubeconfig;
  private KubernetesClient admin;

  private ControlPlane(Settings settings) {
    this.settings = settings;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** e.g. {@code https://127.0.0.1:43121}. */
  public String url() {
    return url;
  }

  /** The cluster's CA: kube-apiserver's serving certificate chains to it, as pods see it. */
  public Path caCertificate() {
    return caCertificate;
  }

  /** A kubeconfig for kubectl as the cluster administrator. */
  public Path adminKubeconfig() {
    return adminKubeconfig;
  }

  /** A client as the cluster administrator, shared; closed with the control plane. */
  public KubernetesClient adminClient() {
    return admin;
  }

  /** Creates a namespace, as the cluster administrator. */
  public void createNamespace(String name) {
    admin
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
  }

  /** The token of one of the static identities given to the builder. */
  public String tokenOf(User user) {
    String token = tokens.get(user);
    if (token == null) {
      throw new IllegalArgumentException(user.name() + " is not known to this control plane");
    }
    return token;
  }

  /** A new client with this bearer token; the caller closes it. */
  public KubernetesClient newClient(String token, String namespace) {
    return new KubernetesClientBuilder().withConfig(config(token, namespace)).build();
  }

  /** Client settings for this API server with this bearer token. */
  public Config config(String token, String namespace) {
    return new ConfigBuilder(Config.empty())
        .withMasterUrl(url)
        .withCaCertFile(caCertificate.toString())
        .withOauthToken(token)
        .withNamespace(namespace)
        .withRequestTimeout(30_000)
        .build();
  }

  /**
   * A token for an existing ServiceAccount from the TokenRequest API, as a pod's projected token
   * would be: the caller then acts with exactly the permissions RBAC grants that account.
   */
  public String serviceAccountToken(String namespace, String serviceAccount, Duration lifetime) {
    TokenRequest request =
        new TokenRequestBuilder()
            .withNewSpec()
            .withExpirationSeconds(lifetime.toSeconds())
            .endSpec()
            .build();
    return admin
        .serviceAccounts()
        .inNamespace(namespace)
        .withName(serviceAccount)
        .tokenRequest(request)
        .getStatus()
        .getToken();
  }

  /** Writes a kubeconfig for this API server with this token. */
  public Path writeKubeconfig(Path file, String token, String namespace) {
    return Kubeconfig.write(file, url, caCertificate, token, namespace);
  }

  /** The release the API server reports, e.g. {@code v1.33.13}. */
  public String version() {
    return admin.getKubernetesVersion().getGitVersion();
  }

  /** Process ids of the running components, for callers that record them. */
  public List<Long> pids() {
    return processes.stream().map(ComponentProcess::pid).toList();
  }

  /** The process id of a component now, e.g. {@code kube-apiserver}; it changes on a restart. */
  public long pidOf(String component) {
    return processes.stream()
        .filter(process -> process.name().equals(component))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no component " + component))
        .pid();
  }

  private ControlPlane start() {
    try {
      Path work = settings.workDirectory.toAbsolutePath();
      Files.createDirectories(work);
      Path logs = work.resolve("logs");
      for (User user : settings.users) {
        tokens.put(user, Secrets.newToken());
      }
      Secrets.writeTokenFile(work.resolve("tokens.csv"), tokens);
      Path serviceAccountKey = work.resolve("service-account.key");
      Path serviceAccountPublicKey = work.resolve("service-account.pub");
      if (settings.fresh) {
        Directories.deleteRecursively(work.resolve("etcd"));
      }
      // Kept with etcd's data: tokens of existing pods must stay valid across a restart.
      if (settings.fresh || !Files.isRegularFile(serviceAccountKey)) {
        Secrets.writeServiceAccountKeys(serviceAccountKey, serviceAccountPublicKey);
      }
      certificates = ClusterCertificates.in(work.resolve("pki"));

      int etcdPort = LoopbackPorts.free();
      String peerUrl = "http://" + LOOPBACK + ":" + LoopbackPorts.free();
      ComponentProcess etcd =
          launch(
              "etcd",
              List.of(
                  "--name=sandbox",
                  "--data-dir=" + work.resolve("etcd"),
                  "--listen-client-urls=http://" + LOOPBACK + ":" + etcdPort,
                  "--advertise-client-urls=http://" + LOOPBACK + ":" + etcdPort,
                  "--listen-peer-urls=" + peerUrl,
                  "--initial-advertise-peer-urls=" + peerUrl,
                  "--initial-cluster=sandbox=" + peerUrl,
                  "--listen-metrics-urls=http://" + LOOPBACK + ":" + LoopbackPorts.free(),
                  // A throw-away store: durability is not worth an fsync per write.
                  "--unsafe-no-fsync=true",
                  "--log-level=warn"),
              logs);

      int apiPort = settings.apiServerPort == 0 ? LoopbackPorts.free() : settings.apiServerPort;
      url = "https://" + LOOPBACK + ":" + apiPort;
      ComponentProcess apiServer =
          launch(
              "kube-apiserver",
              List.of(
                  "--etcd-servers=http://" + LOOPBACK + ":" + etcdPort,
                  "--bind-address=" + LOOPBACK,
                  "--advertise-address=" + LOOPBACK,
                  "--secure-port=" + apiPort,
                  "--tls-cert-file=" + certificates.apiServerCertificate(),
                  "--tls-private-key-file=" + certificates.apiServerKey(),
                  "--token-auth-file=" + work.resolve("tokens.csv"),
                  "--authorization-mode=Node,RBAC",
                  "--enable-admission-plugins=NodeRestriction",
                  "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
                  "--service-account-key-file=" + serviceAccountPublicKey,
                  "--service-account-signing-key-file=" + serviceAccountKey,
                  "--service-cluster-ip-range=10.96.0.0/16",
                  // The kubernetes Service may not have a loopback endpoint: a Node routes pods to
                  // this loopback API server itself (Node.routeKubernetesService).
                  "--endpoint-reconciler-type=none",
                  // The node is named localhost: the API server reaches its kubelet on loopback.
                  "--kubelet-preferred-address-types=Hostname",
                  "--kubelet-client-certificate=" + certificates.kubeletClientCertificate(),
                  "--kubelet-client-key=" + certificates.kubeletClientKey(),
                  "--service-node-port-range=" + settings.nodePortRange,
                  "--allow-privileged=false",
                  "--profiling=false",
                  "--v=0"),
              logs);
      caCertificate = certificates.caCertificate();
      HealthProbe.await(
          apiServer,
          caCertificate,
          URI.create(url + "/readyz"),
          tokens.get(User.ADMIN),
          START_TIMEOUT);
      etcd.checkAlive();
      admin =
          new KubernetesClientBuilder()
              .withConfig(config(tokens.get(User.ADMIN), "default"))
              .build();
      adminKubeconfig =
          writeKubeconfig(work.resolve("kubeconfig"), tokens.get(User.ADMIN), settings.namespace);

      if (settings.controllers) {
        startControllerManager(work, logs, serviceAccountKey);
        startScheduler(work, logs);
      }
      LOG.info("Kubernetes {} control plane at {} (logs in {})", version(), url, logs);
      return this;
    } catch (IOException e) {
      close();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private void startControllerManager(Path work, Path logs, Path serviceAccountKey) {
    startSecuredComponent(
        "kube-controller-manager",
        User.CONTROLLER_MANAGER,
        work,
        logs,
        List.of(
            // Each controller acts as its own service account, with its bootstrap role.
            "--use-service-account-credentials=true",
            "--service-account-private-key-file=" + serviceAccountKey,
            "--root-ca-file=" + caCertificate,
            // Hundreds of exports at once must not queue behind the default 20 requests/s.
            "--kube-api-qps=100",
            "--kube-api-burst=200",
            "--concurrent-job-syncs=10"));
  }

  private void startScheduler(Path work, Path logs) {
    startSecuredComponent("kube-scheduler", User.SCHEDULER, work, logs, List.of());
  }

  /**
   * Starts kube-controller-manager or kube-scheduler as {@code user}, serving /healthz over HTTPS
   * on a free loopback port with a certificate of its own, and waits until it is healthy; its own
   * {@code flags} follow the ones both take.
   */
  private void startSecuredComponent(
      String binary, User user, Path work, Path logs, List<String> flags) {
    int port = LoopbackPorts.free();
    Path certs = work.resolve(binary);
    Path kubeconfig =
        writeKubeconfig(work.resolve(binary + ".kubeconfig"), tokens.get(user), "kube-system");
    List<String> all =
        new ArrayList<>(
            List.of(
                "--kubeconfig=" + kubeconfig,
                "--authentication-kubeconfig=" + kubeconfig,
                "--authorization-kubeconfig=" + kubeconfig,
                "--bind-address=" + LOOPBACK,
                "--secure-port=" + port,
                "--cert-dir=" + certs,
                "--leader-elect=false"));
    all.addAll(flags);
    all.add("--profiling=false");
    ComponentProcess component = launch(binary, all, logs);
    HealthProbe.await(
        component,
        certs.resolve(binary + ".crt"),
        URI.create("https://" + LOOPBACK + ":" + port + "/healthz"),
        null,
        START_TIMEOUT);
  }

  private ComponentProcess launch(String binary, List<String> flags, Path logs) {
    ComponentProcess process = ComponentProcess.start(settings.binaries.path(binary), flags, logs);
    processes.push(process);
    return process;
  }

  /** Stops the components in reverse order; the work directory is left for inspection. */
  @Override
  public void close() {
    if (admin != null) {
      admin.close();
      admin = null;
    }
    while (!processes.isEmpty()) {
      processes.pop().close();
    }
  }

  private static final class Settings {
    private Path workDirectory;
    private KubeBinaries binaries;
    private boolean controllers = true;
    private int apiServerPort;
    private String namespace = "default";
    private boolean fresh = true;
    private String nodePortRange = "30000-32767";
    private final List<User> users =
        new java.util.ArrayList<>(List.of(User.ADMIN, User.CONTROLLER_MANAGER, User.SCHEDULER));
  }

  public static final class Builder {

    private final Settings settings = new Settings();

    private Builder() {}

    /** Where etcd's data, the certificates, the kubeconfigs and the logs go. Required. */
    public Builder workDirectory(Path directory) {
      settings.workDirectory = directory;
      return this;
    }

    /** Default: {@link KubeBinaries#locate} with the process environment. */
    public Builder binaries(KubeBinaries binaries) {
      settings.binaries = binaries;
      return this;
    }

    /**
     * Whether kube-controller-manager and kube-scheduler run (default yes); without them the API
     * server stores Jobs and Pods but nothing acts on them.
     */
    public Builder controllers(boolean controllers) {
      settings.controllers = controllers;
      return this;
    }

    /** The API server's port; 0 (default) picks a free one. */
    public Builder apiServerPort(int port) {
      settings.apiServerPort = port;
      return this;
    }

    /**
     * Whether etcd starts empty (default) or keeps the data of the work directory's last run, with
     * the service account signing key that made its tokens.
     */
    public Builder fresh(boolean fresh) {
      settings.fresh = fresh;
      return this;
    }

    /** kube-apiserver's --service-node-port-range (default Kubernetes' 30000-32767). */
    public Builder nodePortRange(String range) {
      settings.nodePortRange = range;
      return this;
    }

    /** The namespace of the admin kubeconfig's context (default {@code default}). */
    public Builder kubeconfigNamespace(String namespace) {
      settings.namespace = namespace;
      return this;
    }

    /** One more static identity, e.g. {@link User#node} for a kubelet. */
    public Builder user(User user) {
      settings.users.add(user);
      return this;
    }

    public ControlPlane start() {
      if (settings.workDirectory == null) {
        throw new IllegalStateException("a work directory is required");
      }
      if (settings.binaries == null) {
        settings.binaries = KubeBinaries.locate(System.getenv());
      }
      return new ControlPlane(settings).start();
    }
  }
}

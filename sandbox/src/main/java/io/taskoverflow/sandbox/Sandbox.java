package io.taskoverflow.sandbox;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.taskoverflow.controlplane.ControlPlane;
import io.taskoverflow.controlplane.Directories;
import io.taskoverflow.controlplane.KubeBinaries;
import io.taskoverflow.controlplane.Node;
import io.taskoverflow.controlplane.Pause;
import io.taskoverflow.controlplane.TextFiles;
import io.taskoverflow.controlplane.User;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole system on one machine, on the parts a user's cluster has: the real Kubernetes control
 * plane, a real node (containerd, kubelet, kube-proxy, CoreDNS, a storage provisioner) and the
 * product installed by {@code helm} from its own chart and its own images, in a namespace that
 * enforces Pod Security "restricted". The api-server answers on a node port on 127.0.0.1, as kind's
 * port mapping makes it. {@code SandboxMain} and the end-to-end tests both use it.
 */
public final class Sandbox implements AutoCloseable {

  /** Where the product is installed. */
  public static final String NAMESPACE = "taskoverflow";

  /** The Helm release; the chart names its objects {@code taskoverflow-*}. */
  public static final String RELEASE = "taskoverflow";

  public static final String OPERATOR_DEPLOYMENT = RELEASE + "-operator";
  public static final String API_SERVER_DEPLOYMENT = RELEASE + "-api-server";
  public static final String POSTGRESQL_STATEFULSET = RELEASE + "-postgresql";
  public static final String DB_SECRET = RELEASE + "-db";

  /** Where {@code --api-token} puts its tokens (the chart's apiServer.auth.existingSecret). */
  public static final String API_TOKENS_SECRET = RELEASE + "-sandbox-api-tokens";

  /** The api-server's node port unless told otherwise: http://localhost:6400, as on kind. */
  public static final int DEFAULT_API_PORT = 6400;

  private static final String GENERATOR_MAIN_CLASS = "io.taskoverflow.generator.GeneratorMain";
  private static final int OPERATOR_HEALTH_PORT = 8080;
  static final String PAUSE_IMAGE = "127.0.0.1:5000/taskoverflow/pause:3.10";
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
  private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);

  private final Settings settings;
  private final Deque<Started> started = new ArrayDeque<>();
  private final ProjectFiles project = ProjectFiles.find();
  private final Thread stopOnExit = new Thread(this::close, "sandbox-stop");
  private ControlPlane kubernetes;
  private KubernetesClient admin;
  private Path kubeconfig;
  private Helm helm;

  private Sandbox(Settings settings) {
    this.settings = settings;
  }

  public static Builder builder() {
    return new Builder();
  }

  private Sandbox start() {
    // Ctrl-C or SIGTERM, also while starting, stops what has started so far.
    Runtime.getRuntime().addShutdownHook(stopOnExit);
    try {
      Path work = settings.workDirectory.toAbsolutePath();
      int leftovers = Leftovers.stop(work);
      if (leftovers > 0) {
        LOG.warn("Stopped {} processes an earlier sandbox in {} left running", leftovers, work);
      }
      boolean fresh = settings.fresh || !Files.isDirectory(work.resolve("kubernetes/etcd"));
      if (settings.fresh) {
        Node.cleanUp(work.resolve("node"));
        Directories.deleteRecursively(work);
      }
      LOG.info("[1/5] Images: the registry on 127.0.0.1:5000 and the base images");
      project.ensureImages();
      Path helmBinary = project.tool("helm");

      LOG.info(
          "[2/5] Starting the Kubernetes control plane (etcd, kube-apiserver,"
              + " kube-controller-manager, kube-scheduler){}",
          fresh ? "" : ", keeping its data");
      kubernetes =
          remember(
              "the Kubernetes control plane",
              ControlPlane.builder()
                  .workDirectory(work.resolve("kubernetes"))
                  .binaries(settings.binaries)
                  .apiServerPort(settings.kubernetesPort)
                  .kubeconfigNamespace(NAMESPACE)
                  .fresh(fresh)
                  // The api-server's node port is 6400, below Kubernetes' default range.
                  .nodePortRange("1024-32767")
                  .user(User.node(Node.NAME))
                  .user(User.KUBE_PROXY)
                  .start());
      // Where users look for it: .sandbox/kubeconfig, the administrator in namespace taskoverflow.
      kubeconfig =
          kubernetes.writeKubeconfig(
              work.resolve("kubeconfig"), kubernetes.tokenOf(User.ADMIN), NAMESPACE);
      admin =
          remember(
              "a Kubernetes client",
              kubernetes.newClient(kubernetes.tokenOf(User.ADMIN), NAMESPACE));

      LOG.info("[3/5] Starting the node (containerd, kubelet, kube-proxy)");
      remember(
          "the node", Node.start(kubernetes, settings.binaries, work.resolve("node"), PAUSE_IMAGE));

      LOG.info("[4/5] Cluster add-ons: CoreDNS and the local-path storage provisioner");
      ClusterAddons.apply(admin, project, work.resolve("node/local-path"));

      LOG.info(
          "[5/5] helm upgrade --install {} helm/taskoverflow (namespace {})", RELEASE, NAMESPACE);
      helm = new Helm(helmBinary, kubeconfig, NAMESPACE);
      createNamespace();
      install();
      LOG.info("      api-server at {}", apiBaseUrl());

      if (settings.demo) {
        int loaded =
            new DemoTodos(
                    apiBaseUrl(), settings.apiTokens.isEmpty() ? null : settings.apiTokens.get(0))
                .load();
        LOG.info("      Loaded {} demo todos", loaded);
      }
      return this;
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private void createNamespace() {
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(NAMESPACE)
                .withLabels(
                    Map.of(
                        "pod-security.kubernetes.io/enforce", "restricted",
                        "pod-security.kubernetes.io/warn", "restricted"))
                .endMetadata()
                .build())
        .serverSideApply();
  }

  /**
   * {@code helm upgrade --install} of the chart with the sandbox's values, then waits for the
   * api-server: the start's last step, and how a test puts back what it uninstalled or changed.
   */
  public void install() {
    installChart();
    awaitApi();
  }

  private void installChart() {
    Path overrides = settings.workDirectory.toAbsolutePath().resolve("values-overrides.yaml");
    TextFiles.write(overrides, overridesYaml());
    if (!settings.apiTokens.isEmpty()) {
      createApiTokenSecret();
    }
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "upgrade",
                "--install",
                RELEASE,
                project.chart().toString(),
                "--values",
                project.sandboxValues().toString(),
                "--values",
                overrides.toString()));
    // The user's own values and --set options come last, so they win, as on the helm command line.
    settings.valuesFiles.forEach(file -> arguments.addAll(List.of("--values", file.toString())));
    settings.setValues.forEach(value -> arguments.addAll(List.of("--set", value)));
    arguments.addAll(
        List.of("--wait", "--wait-for-jobs", "--timeout", INSTALL_TIMEOUT.toSeconds() + "s"));
    helm.run(arguments.toArray(String[]::new));
  }

  /** The tokens of {@code --api-token}, in the Secret the chart's apiServer.auth reads. */
  private void createApiTokenSecret() {
    admin
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(API_TOKENS_SECRET)
                .withNamespace(NAMESPACE)
                .endMetadata()
                .addToStringData("tokens", String.join("\n", settings.apiTokens) + "\n")
                .build())
        .forceConflicts()
        .serverSideApply();
  }

  /** The node port and the environment a caller added, as chart values. */
  private String overridesYaml() {
    return """
        apiServer:
          service:
            nodePort: %d
          extraEnv:%s
          auth:
            enabled: %b
            existingSecret: "%s"
        operator:
          extraEnv:%s
        """
        .formatted(
            settings.apiPort,
            envYaml(settings.apiEnv),
            !settings.apiTokens.isEmpty(),
            settings.apiTokens.isEmpty() ? "" : API_TOKENS_SECRET,
            envYaml(settings.operatorEnv));
  }

  private static String envYaml(Map<String, String> env) {
    if (env.isEmpty()) {
      return " []";
    }
    return env.entrySet().stream()
        .map(e -> "\n    - name: %s\n      value: \"%s\"".formatted(e.getKey(), e.getValue()))
        .collect(Collectors.joining());
  }

  /**
   * Waits until the api-server is ready and its Service routes new connections to it: after an
   * install or a database outage, the pod is back in the Service a probe period or two after it can
   * answer.
   */
  void awaitApi() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    URI ready = URI.create(apiBaseUrl() + "/api/v1/ready");
    long deadline = System.nanoTime() + INSTALL_TIMEOUT.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      try {
        // A new connection first, as a new client's: the client below keeps its connection open,
        // and an open connection still reaches a pod the Service has already dropped (not ready).
        try (Socket connection = new Socket()) {
          connection.connect(new InetSocketAddress("127.0.0.1", settings.apiPort), 2000);
        }
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
        last = response.statusCode() + " " + response.body();
      } catch (IOException e) {
        last = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
      Pause.millis(250);
    }
    throw new IllegalStateException("the api-server did not answer " + ready + ": " + last);
  }

  /**
   * A client as the cluster administrator, namespace {@link #NAMESPACE}; closed with the sandbox.
   */
  public KubernetesClient client() {
    return admin;
  }

  /** The control plane, e.g. for tokens of other identities. */
  public ControlPlane kubernetes() {
    return kubernetes;
  }

  /** helm against this cluster, in namespace {@link #NAMESPACE}. */
  public Helm helm() {
    return helm;
  }

  /** e.g. {@code http://localhost:6400}: the api-server, routes under {@code /api/v1}. */
  public String apiBaseUrl() {
    return "http://localhost:" + settings.apiPort;
  }

  public String kubernetesUrl() {
    return kubernetes.url();
  }

  public Path kubeconfigPath() {
    return kubeconfig;
  }

  /** The chart's PostgreSQL through its Service's cluster IP, which the host can reach. */
  public String jdbcUrl() {
    Service service = admin.services().withName(POSTGRESQL_STATEFULSET).get();
    return "jdbc:postgresql://%s:5432/taskoverflow".formatted(service.getSpec().getClusterIP());
  }

  /** The database user of the chart's generated Secret (it owns the database). */
  public String databaseUser() {
    return secretValue("username");
  }

  public String databasePassword() {
    return secretValue("password");
  }

  private String secretValue(String key) {
    Secret secret = admin.secrets().withName(DB_SECRET).get();
    return new String(
        Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
  }

  /** Host process ids of a running container ({@code containerd://<id>} from a pod's status). */
  public List<Long> processesOfContainer(String containerId) {
    return PodProcesses.ofContainer(containerId);
  }

  /** Host process ids of generator containers running on the node right now. */
  public List<Long> runningGenerators() {
    return PodProcesses.running(GENERATOR_MAIN_CLASS);
  }

  /** The operator's /healthz, /readyz and /metrics, at its pod's IP (routed from the host). */
  public String operatorUrl() {
    Pod pod =
        admin.pods().withLabel("app.kubernetes.io/component", "operator").list().getItems().stream()
            .filter(p -> "Running".equals(p.getStatus().getPhase()))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no operator pod runs"));
    return "http://%s:%d".formatted(pod.getStatus().getPodIP(), OPERATOR_HEALTH_PORT);
  }

  /** Stops the operator, as a crash or a scale-down would: its Deployment scaled to zero. */
  public void stopOperator() {
    scaleDeployment(OPERATOR_DEPLOYMENT, 0);
  }

  /** Starts the operator again: one replica, ready. */
  public void startOperator() {
    scaleDeployment(OPERATOR_DEPLOYMENT, 1);
  }

  /** Takes the database away (its StatefulSet scaled to zero; the volume and data stay). */
  public void stopPostgres() {
    LOG.info("Stopping PostgreSQL (simulated outage)");
    admin.apps().statefulSets().withName(POSTGRESQL_STATEFULSET).scale(0);
    awaitNoPods("app.kubernetes.io/component", "postgresql");
  }

  public void startPostgres() {
    var postgres = admin.apps().statefulSets().withName(POSTGRESQL_STATEFULSET);
    if (Integer.valueOf(1).equals(postgres.get().getStatus().getReadyReplicas())) {
      return;
    }
    LOG.info("Starting PostgreSQL again");
    postgres.scale(1);
    postgres.waitUntilCondition(
        set ->
            set.getStatus() != null
                && Integer.valueOf(1).equals(set.getStatus().getReadyReplicas()),
        3,
        TimeUnit.MINUTES);
    // The api-server's readiness follows the database: it is back in its Service a little later.
    awaitApi();
  }

  private void scaleDeployment(String name, int replicas) {
    admin.apps().deployments().withName(name).scale(replicas);
    if (replicas == 0) {
      awaitNoPods("app.kubernetes.io/component", name.substring(RELEASE.length() + 1));
    } else {
      admin
          .apps()
          .deployments()
          .withName(name)
          .waitUntilCondition(
              d ->
                  d.getStatus() != null
                      && Integer.valueOf(replicas).equals(d.getStatus().getReadyReplicas())
                      && Integer.valueOf(replicas).equals(d.getStatus().getReplicas()),
              3,
              TimeUnit.MINUTES);
    }
  }

  private void awaitNoPods(String label, String value) {
    admin
        .pods()
        .withLabel(label, value)
        .informOnCondition(pods -> pods.isEmpty())
        .completeOnTimeout(null, 2, TimeUnit.MINUTES)
        .join();
  }

  /** Stops everything in reverse order: the node (and every pod), then Kubernetes. */
  @Override
  public synchronized void close() {
    if (Thread.currentThread() != stopOnExit) {
      try {
        Runtime.getRuntime().removeShutdownHook(stopOnExit);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or about to: closing twice does nothing
      }
    }
    while (!started.isEmpty()) {
      Started component = started.pop();
      if (!component.name().endsWith("client")) {
        LOG.info("Stopping {}", component.name());
      }
      try {
        component.closeable().close();
      } catch (Exception e) {
        LOG.warn("Stopping {} failed: {}", component.name(), e.toString());
      }
    }
    LOG.info("Sandbox stopped");
  }

  private <T extends AutoCloseable> T remember(String name, T component) {
    started.push(new Started(name, component));
    return component;
  }

  private record Started(String name, AutoCloseable closeable) {}

  private static final class Settings {
    private Path workDirectory = Path.of(".sandbox");
    private int apiPort = DEFAULT_API_PORT;
    private int kubernetesPort;
    private boolean demo;
    private boolean fresh;
    private KubeBinaries binaries;
    private final Map<String, String> operatorEnv = new LinkedHashMap<>();
    private final Map<String, String> apiEnv = new LinkedHashMap<>();
    private final List<Path> valuesFiles = new ArrayList<>();
    private final List<String> setValues = new ArrayList<>();
    private final List<String> apiTokens = new ArrayList<>();
  }

  public static final class Builder {

    private final Settings settings = new Settings();

    private Builder() {}

    /** Where etcd, the node, PostgreSQL's volume and the logs live (default {@code .sandbox}). */
    public Builder workDirectory(Path directory) {
      settings.workDirectory = directory;
      return this;
    }

    /** The api-server's node port on 127.0.0.1 (default 6400). */
    public Builder apiPort(int port) {
      settings.apiPort = port;
      return this;
    }

    /** kube-apiserver's port; 0 (default) picks a free one. */
    public Builder kubernetesPort(int port) {
      settings.kubernetesPort = port;
      return this;
    }

    /** Loads a few todos through the API once it is up. */
    public Builder demo(boolean demo) {
      settings.demo = demo;
      return this;
    }

    /** Starts empty instead of with the work directory's cluster and database. */
    public Builder fresh(boolean fresh) {
      settings.fresh = fresh;
      return this;
    }

    /** The Kubernetes binaries (default: {@link KubeBinaries#locate} with the environment). */
    public Builder binaries(KubeBinaries binaries) {
      settings.binaries = binaries;
      return this;
    }

    /** An operator environment variable (the chart's operator.extraEnv). */
    public Builder operatorEnv(String name, String value) {
      settings.operatorEnv.put(name, value);
      return this;
    }

    /** A values file for the chart, after the sandbox's own (helm's --values). */
    public Builder values(Path file) {
      settings.valuesFiles.add(file.toAbsolutePath());
      return this;
    }

    /**
     * A chart value, last of all (helm's --set), e.g. {@code apiServer.maxExportsInFlight=2000}.
     */
    public Builder set(String keyAndValue) {
      if (!keyAndValue.contains("=")) {
        throw new IllegalArgumentException("--set takes key=value, not " + keyAndValue);
      }
      settings.setValues.add(keyAndValue);
      return this;
    }

    /** Turns the API's bearer-token authentication on, with this token among the accepted ones. */
    public Builder apiToken(String token) {
      if (token.length() < 16) {
        throw new IllegalArgumentException("an API token needs at least 16 characters");
      }
      settings.apiTokens.add(token);
      return this;
    }

    /** An api-server environment variable (the chart's apiServer.extraEnv). */
    public Builder apiEnv(String name, String value) {
      settings.apiEnv.put(name, value);
      return this;
    }

    public Sandbox start() {
      if (settings.binaries == null) {
        settings.binaries = KubeBinaries.locate(System.getenv());
      }
      return new Sandbox(settings).start();
    }
  }
}

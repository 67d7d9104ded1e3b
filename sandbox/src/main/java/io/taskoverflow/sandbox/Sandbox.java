package io.taskoverflow.sandbox;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.taskoverflow.api.ApiApplication;
import io.taskoverflow.api.ApiConfig;
import io.taskoverflow.controlplane.ChartRbac;
import io.taskoverflow.controlplane.ControlPlane;
import io.taskoverflow.controlplane.KubeBinaries;
import io.taskoverflow.controlplane.User;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.job.DatabaseSecret;
import io.taskoverflow.operator.CalendarExportOperator;
import io.taskoverflow.operator.OperatorConfig;
import io.taskoverflow.sandbox.node.ImageCatalog;
import io.taskoverflow.sandbox.node.NodeAgent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole system on one machine: embedded PostgreSQL, the real Kubernetes control plane, the node
 * agent, the real operator and the real api-server, started in that order and closed in the reverse
 * one. Each component acts under its own identity: the operator and the api-server with the tokens
 * of the chart's ServiceAccounts, so they have exactly the chart's RBAC. {@code SandboxMain} and
 * the end-to-end tests both use it.
 */
public final class Sandbox implements AutoCloseable {

  /** Where the exports live; Pod Security "restricted" is enforced there, as a real cluster may. */
  public static final String NAMESPACE = "taskoverflow";

  public static final String DB_SECRET = ChartRbac.DATABASE_SECRET;
  public static final String GENERATOR_IMAGE = "taskoverflow/taskoverflow-generator:sandbox";

  private static final Duration TOKEN_LIFETIME = Duration.ofDays(7);
  private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);

  private final Settings settings;
  private final Deque<Started> started = new ArrayDeque<>();
  private SandboxPostgres postgres;
  private ControlPlane kubernetes;
  private KubernetesClient admin;
  private KubernetesClient operatorClient;
  private CalendarExportOperator operator;
  private NodeAgent node;
  private ApiApplication api;
  private Path kubeconfig;

  private Sandbox(Settings settings) {
    this.settings = settings;
  }

  public static Builder builder() {
    return new Builder();
  }

  private Sandbox start() {
    try {
      Path work = settings.workDirectory.toAbsolutePath();
      int leftovers = Leftovers.stop(work);
      if (leftovers > 0) {
        LOG.warn("Stopped {} processes an earlier sandbox in {} left running", leftovers, work);
      }
      LOG.info("[1/5] Starting embedded PostgreSQL");
      postgres =
          remember(
              "PostgreSQL",
              SandboxPostgres.startFresh(work.resolve("postgres"), settings.postgresPort));
      LOG.info("      PostgreSQL ready at {} (schema migrated)", postgres.jdbcUrl());

      LOG.info(
          "[2/5] Starting the Kubernetes control plane (etcd, kube-apiserver,"
              + " kube-controller-manager, kube-scheduler)");
      kubernetes =
          remember(
              "the Kubernetes control plane",
              ControlPlane.builder()
                  .workDirectory(work.resolve("kubernetes"))
                  .binaries(settings.binaries)
                  .apiServerPort(settings.kubernetesPort)
                  .kubeconfigNamespace(NAMESPACE)
                  .user(User.node(NodeAgent.NODE_NAME))
                  .start());
      // Where users look for it: .sandbox/kubeconfig, the administrator in namespace taskoverflow.
      kubeconfig =
          kubernetes.writeKubeconfig(
              work.resolve("kubeconfig"), kubernetes.tokenOf(User.ADMIN), NAMESPACE);
      admin =
          remember(
              "a Kubernetes client",
              kubernetes.newClient(kubernetes.tokenOf(User.ADMIN), NAMESPACE));
      SandboxInstallation.install(admin, NAMESPACE, databaseSecret());
      LOG.info(
          "      Kubernetes {} at {}: CRD {}, namespace {}, the chart's RBAC, Secret {}",
          kubernetes.version(),
          kubernetes.url(),
          CalendarExport.CRD_NAME,
          NAMESPACE,
          DB_SECRET);

      LOG.info("[3/5] Starting the node agent (kubelet stand-in: pods run as local processes)");
      KubernetesClient nodeClient =
          remember(
              "a Kubernetes client",
              kubernetes.newClient(kubernetes.tokenOf(User.node(NodeAgent.NODE_NAME)), NAMESPACE));
      node =
          remember(
              "the node agent",
              NodeAgent.start(
                  nodeClient,
                  settings.images,
                  work.resolve("node"),
                  settings.maxRunningPods,
                  kubernetes.version()));

      LOG.info("[4/5] Starting the operator (as ServiceAccount {})", ChartRbac.OPERATOR_ACCOUNT);
      operatorClient = remember("a Kubernetes client", clientOf(ChartRbac.OPERATOR_ACCOUNT));
      remember("the operator", (AutoCloseable) this::stopOperator);
      startOperator();

      LOG.info(
          "[5/5] Starting the api-server (as ServiceAccount {})", ChartRbac.API_SERVER_ACCOUNT);
      KubernetesClient apiClient =
          remember("a Kubernetes client", clientOf(ChartRbac.API_SERVER_ACCOUNT));
      api =
          remember("the api-server", ApiApplication.start(ApiConfig.fromEnv(apiEnv()), apiClient));
      LOG.info("      api-server at {}", apiBaseUrl());

      if (settings.demo) {
        int loaded = new DemoTodos(apiBaseUrl()).load();
        LOG.info("      Loaded {} demo todos", loaded);
      }
      return this;
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private KubernetesClient clientOf(String serviceAccount) {
    return kubernetes.newClient(
        kubernetes.serviceAccountToken(NAMESPACE, serviceAccount, TOKEN_LIFETIME), NAMESPACE);
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

  /** e.g. {@code http://localhost:6400}: the api-server, routes under {@code /api/v1}. */
  public String apiBaseUrl() {
    return "http://localhost:" + api.port();
  }

  public String kubernetesUrl() {
    return kubernetes.url();
  }

  public Path kubeconfigPath() {
    return kubeconfig;
  }

  public String jdbcUrl() {
    return postgres.jdbcUrl();
  }

  public NodeAgent node() {
    return node;
  }

  /**
   * Stops the operator, as a crash or a rolling update would; everything else keeps running. Does
   * nothing when it is already stopped.
   */
  public synchronized void stopOperator() {
    if (operator != null) {
      operator.stop();
      operator = null;
    }
  }

  /** Starts a new operator on the same API and configuration; does nothing if one runs. */
  public synchronized void startOperator() {
    if (operator == null) {
      operator =
          CalendarExportOperator.start(operatorClient, OperatorConfig.fromEnv(operatorEnv()));
    }
  }

  /** Port of the running operator's /healthz, /readyz and /metrics. */
  public synchronized int operatorHealthPort() {
    if (operator == null) {
      throw new IllegalStateException("the operator is stopped");
    }
    return operator.healthPort();
  }

  /** Takes the database away (same port and data when it comes back), to provoke outages. */
  public void stopPostgres() {
    LOG.info("Stopping PostgreSQL (simulated outage)");
    postgres.stop();
  }

  public void startPostgres() {
    LOG.info("Starting PostgreSQL again");
    postgres.start();
  }

  /**
   * Stops everything in reverse order: api-server, operator, node agent (and its processes),
   * Kubernetes, PostgreSQL.
   */
  @Override
  public void close() {
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

  private Secret databaseSecret() {
    Map<String, String> data = new HashMap<>();
    data.put(DatabaseSecret.JDBC_URL_KEY, base64(postgres.jdbcUrl()));
    data.put(DatabaseSecret.USERNAME_KEY, base64(SandboxPostgres.USER));
    data.put(DatabaseSecret.PASSWORD_KEY, base64(SandboxPostgres.PASSWORD));
    return new SecretBuilder()
        .withNewMetadata()
        .withName(DB_SECRET)
        .withNamespace(NAMESPACE)
        .endMetadata()
        .withType("Opaque")
        .withData(data)
        .build();
  }

  private Map<String, String> databaseEnv() {
    return Map.of(
        "DB_URL", postgres.jdbcUrl(),
        "DB_USER", SandboxPostgres.USER,
        "DB_PASSWORD", SandboxPostgres.PASSWORD);
  }

  private Map<String, String> operatorEnv() {
    Map<String, String> env = new HashMap<>(databaseEnv());
    env.put("WATCH_NAMESPACE", NAMESPACE);
    env.put("GENERATOR_IMAGE", GENERATOR_IMAGE);
    env.put("GENERATOR_SERVICE_ACCOUNT", ChartRbac.GENERATOR_ACCOUNT);
    env.put("DB_SECRET_NAME", DB_SECRET);
    env.put("HEALTH_PORT", String.valueOf(settings.operatorHealthPort));
    env.put("HEALTH_BIND_ADDRESS", "127.0.0.1");
    env.put("POD_NAME", "sandbox-operator");
    env.putAll(settings.operatorEnv);
    return env;
  }

  private Map<String, String> apiEnv() {
    Map<String, String> env = new HashMap<>(databaseEnv());
    env.put("PORT", String.valueOf(settings.apiPort));
    env.put("NAMESPACE", NAMESPACE);
    env.put("DB_POOL_SIZE", "4");
    env.put("BIND_ADDRESS", "127.0.0.1");
    env.putAll(settings.apiEnv);
    return env;
  }

  private static String base64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  private static final class Settings {
    private Path workDirectory = Path.of(".sandbox");
    private int apiPort = ApiConfig.DEFAULT_PORT;
    private int kubernetesPort;
    private int postgresPort;
    private int operatorHealthPort;
    private boolean demo;
    private ImageCatalog images = ImageCatalog.sandbox();
    private KubeBinaries binaries;
    private int maxRunningPods = NodeAgent.defaultMaxPods(System.getenv());
    private final Map<String, String> operatorEnv = new HashMap<>();
    private final Map<String, String> apiEnv = new HashMap<>();
  }

  /** Ports set to 0 pick a free one. */
  public static final class Builder {

    private final Settings settings = new Settings();

    private Builder() {}

    /** Where PostgreSQL's data, the kubeconfig and the pods' logs go (default {@code .sandbox}). */
    public Builder workDirectory(Path directory) {
      settings.workDirectory = directory;
      return this;
    }

    public Builder apiPort(int port) {
      settings.apiPort = port;
      return this;
    }

    public Builder kubernetesPort(int port) {
      settings.kubernetesPort = port;
      return this;
    }

    public Builder postgresPort(int port) {
      settings.postgresPort = port;
      return this;
    }

    public Builder operatorHealthPort(int port) {
      settings.operatorHealthPort = port;
      return this;
    }

    /** Every port free-chosen, so several sandboxes (tests, benchmarks) run side by side. */
    public Builder onFreePorts() {
      return apiPort(0).kubernetesPort(0).postgresPort(0).operatorHealthPort(0);
    }

    /** Loads a few todos through the API once it is up. */
    public Builder demo(boolean demo) {
      settings.demo = demo;
      return this;
    }

    public Builder images(ImageCatalog images) {
      settings.images = images;
      return this;
    }

    /** The Kubernetes binaries (default: {@link KubeBinaries#locate} with the environment). */
    public Builder binaries(KubeBinaries binaries) {
      settings.binaries = binaries;
      return this;
    }

    /**
     * The pod capacity of the sandbox's one node (default {@code SANDBOX_MAX_RUNNING_PODS}, else
     * twice the processors); the scheduler leaves further pods Pending until a slot frees.
     */
    public Builder maxRunningPods(int pods) {
      if (pods < 1) {
        throw new IllegalArgumentException("maxRunningPods must be at least 1, not " + pods);
      }
      settings.maxRunningPods = pods;
      return this;
    }

    /** An operator environment variable on top of the sandbox's own. */
    public Builder operatorEnv(String name, String value) {
      settings.operatorEnv.put(name, value);
      return this;
    }

    /** An api-server environment variable on top of the sandbox's own. */
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

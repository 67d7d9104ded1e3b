package io.taskoverflow.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.taskoverflow.helm.ChartRbac;
import io.taskoverflow.schema.TestDatabase;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh namespace for each test on the {@link TestCluster}, holding the Helm chart's
 * ServiceAccounts, Roles and RoleBindings, and a client that acts as the chart's operator
 * ServiceAccount: a permission the operator needs but the chart does not grant fails the test.
 */
final class TestNamespace implements BeforeEachCallback, AfterEachCallback {

  private static final AtomicInteger COUNT = new AtomicInteger();
  private static final int MAX_NAME_LENGTH = 40;

  private final Map<String, Object> chartValues;
  private TestCluster cluster;
  private String name;
  private KubernetesClient operatorClient;
  private TestKubelet kubelet;

  /** With the chart values of the sandbox's installation (one operator, no leader election). */
  TestNamespace() {
    this(ChartRbac.SANDBOX_VALUES);
  }

  TestNamespace(Map<String, Object> chartValues) {
    this.chartValues = chartValues;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    cluster = TestCluster.shared(context);
    String test = context.getRequiredTestMethod().getName().toLowerCase(Locale.ROOT);
    name = ("it-" + COUNT.incrementAndGet() + "-" + test);
    name = name.substring(0, Math.min(name.length(), MAX_NAME_LENGTH));
    cluster.controlPlane().createNamespace(name);
    ChartRbac.apply(admin(), name, chartValues);
    String token =
        cluster
            .controlPlane()
            .serviceAccountToken(name, ChartRbac.OPERATOR_ACCOUNT, Duration.ofHours(1));
    operatorClient = cluster.controlPlane().newClient(token, name);
    kubelet = new TestKubelet(admin(), name, TestCluster.NODE);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    // The namespace stays for inspection; the control plane goes with the JVM's tests.
    if (operatorClient != null) {
      operatorClient.close();
    }
  }

  String name() {
    return name;
  }

  TestCluster cluster() {
    return cluster;
  }

  /** The cluster administrator: the test's own hand, as a user with kubectl. */
  KubernetesClient admin() {
    return cluster.admin();
  }

  /** The operator's identity: the chart's operator ServiceAccount. */
  KubernetesClient operatorClient() {
    return operatorClient;
  }

  TestKubelet kubelet() {
    return kubelet;
  }

  /** The operator's environment as the chart's Deployment sets it, for this namespace. */
  Map<String, String> operatorEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("WATCH_NAMESPACE", name);
    env.put("GENERATOR_IMAGE", "taskoverflow/generator:1.2.3");
    env.put("GENERATOR_SERVICE_ACCOUNT", ChartRbac.GENERATOR_ACCOUNT);
    env.put("DB_SECRET_NAME", ChartRbac.DATABASE_SECRET);
    env.put("DB_URL", TestDatabase.jdbcUrl());
    env.put("DB_USER", TestDatabase.user());
    env.put("DB_PASSWORD", TestDatabase.password());
    env.put("HEALTH_PORT", "0");
    return env;
  }

  /** The operator's configuration with some variables set differently. */
  OperatorConfig operatorConfig(Map<String, String> overrides) {
    Map<String, String> env = operatorEnv();
    env.putAll(overrides);
    return OperatorConfig.fromEnv(env);
  }
}

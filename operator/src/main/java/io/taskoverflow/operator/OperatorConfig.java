package io.taskoverflow.operator;

import io.fabric8.kubernetes.api.model.Quantity;
import io.taskoverflow.config.EnvReader;
import io.taskoverflow.operator.cleanup.DatabaseSettings;
import io.taskoverflow.operator.feed.FeedSettings;
import io.taskoverflow.operator.job.ExportLimits;
import io.taskoverflow.operator.job.GeneratorJobSettings;
import io.taskoverflow.operator.job.GeneratorPodSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The operator's settings, read from the environment (names and defaults in docs/architecture.md).
 *
 * @param watchNamespace where exports are watched; {@code null} means the client's namespace
 * @param healthPort port of /healthz, /readyz and /metrics; 0 picks a free one
 * @param healthBindAddress the address it listens on: every interface in a pod (the kubelet probes
 *     the pod IP), loopback where the operator runs beside other programs, as in the sandbox
 * @param podName this replica's identity in the leader-election Lease
 * @param maxRunningGenerators how many generator Jobs may run at once in the namespace; the other
 *     exports' Jobs wait suspended, first come first served
 */
public record OperatorConfig(
    String watchNamespace,
    GeneratorJobSettings generator,
    ExportLimits limits,
    DatabaseSettings database,
    FeedSettings feeds,
    int healthPort,
    String healthBindAddress,
    boolean leaderElection,
    String leaseName,
    String podName,
    int maxRunningGenerators) {

  private static final Set<String> PULL_POLICIES = Set.of("Always", "IfNotPresent", "Never");

  /**
   * Generators running at once by default. A generator is a short JVM run, busy on its CPU from the
   * start: on a small node (2 cores, the sandbox and kind on a laptop) a few at once keep the cores
   * busy, while more only share them, so every export in a burst finishes later, and their pods'
   * requests may not fit the node at all. Raise it with the cluster.
   */
  static final int DEFAULT_MAX_RUNNING_GENERATORS = 4;

  /** 64 MiB: about 240k todos' worth of calendar (a million make ~280 MB). */
  static final long DEFAULT_MAX_RESULT_BYTES = 64L * 1024 * 1024;

  /** Reads every variable, then fails once naming all that are missing or malformed. */
  public static OperatorConfig fromEnv(Map<String, String> env) {
    EnvReader reader = new EnvReader("operator", env);
    GeneratorJobSettings generator =
        new GeneratorJobSettings(
            reader.required("GENERATOR_IMAGE"),
            reader.text("GENERATOR_IMAGE_PULL_POLICY", "IfNotPresent"),
            quantity(reader, "GENERATOR_CPU_REQUEST", "100m"),
            quantity(reader, "GENERATOR_CPU_LIMIT", "2"),
            quantity(reader, "GENERATOR_MEMORY_REQUEST", "128Mi"),
            quantity(reader, "GENERATOR_MEMORY_LIMIT", "256Mi"),
            reader.text("DB_SECRET_NAME", "taskoverflow-db"),
            reader.optional("GENERATOR_SERVICE_ACCOUNT"),
            byteCount(reader, "GENERATOR_MAX_RESULT_BYTES", DEFAULT_MAX_RESULT_BYTES),
            GeneratorPodSettings.fromEnv(reader));
    if (!PULL_POLICIES.contains(generator.imagePullPolicy())) {
      reader.problem(
          "GENERATOR_IMAGE_PULL_POLICY must be Always, IfNotPresent or Never, was '"
              + generator.imagePullPolicy()
              + "'");
    }
    ExportLimits limits =
        new ExportLimits(
            (int) reader.number("JOB_BACKOFF_LIMIT", 3, 0, 1000),
            (int) reader.number("JOB_MAX_BACKOFF_LIMIT", 10, 0, 1000),
            reader.number("JOB_ACTIVE_DEADLINE_SECONDS", 600, 1, Integer.MAX_VALUE),
            reader.number("JOB_MAX_ACTIVE_DEADLINE_SECONDS", 3600, 1, Integer.MAX_VALUE),
            reader.number("EXPORT_TTL_SECONDS", 86400, 0, Integer.MAX_VALUE),
            reader.number("EXPORT_MAX_TTL_SECONDS", 604800, 0, Integer.MAX_VALUE));
    checkDefaultWithinMaximum(
        reader, "JOB_BACKOFF_LIMIT", limits.backoffLimit(), limits.maxBackoffLimit());
    checkDefaultWithinMaximum(
        reader,
        "JOB_ACTIVE_DEADLINE_SECONDS",
        limits.activeDeadlineSeconds(),
        limits.maxActiveDeadlineSeconds());
    checkDefaultWithinMaximum(
        reader, "EXPORT_TTL_SECONDS", limits.ttlSeconds(), limits.maxTtlSeconds());
    DatabaseSettings database =
        new DatabaseSettings(
            reader.required("DB_URL"),
            reader.required("DB_USER"),
            reader.requiredMayBeEmpty("DB_PASSWORD"),
            millis(reader, "DB_CONNECTION_TIMEOUT_MS", DatabaseSettings.DEFAULT_CONNECTION_TIMEOUT),
            millis(reader, "DB_STATEMENT_TIMEOUT_MS", DatabaseSettings.DEFAULT_STATEMENT_TIMEOUT));
    FeedSettings defaults = FeedSettings.DEFAULTS;
    FeedSettings feeds =
        new FeedSettings(
            seconds(reader, "FEED_DEBOUNCE_SECONDS", defaults.debounce()),
            seconds(reader, "FEED_MAX_DELAY_SECONDS", defaults.maxDelay()),
            seconds(reader, "FEED_POLL_SECONDS", defaults.pollInterval()),
            seconds(reader, "FEED_IDLE_SECONDS", defaults.idleAfter()),
            seconds(reader, "FEED_EXPIRE_SECONDS", defaults.expireAfter()),
            seconds(reader, "FEED_RETRY_SECONDS", defaults.retryAfter()),
            seconds(reader, "FEED_WINDOW_REFRESH_SECONDS", defaults.windowRefresh()),
            (int)
                reader.number(
                    "FEED_MAX_EXPORTS_IN_FLIGHT", defaults.maxExportsInFlight(), 1, 1000));
    OperatorConfig config =
        new OperatorConfig(
            reader.optional("WATCH_NAMESPACE"),
            generator,
            limits,
            database,
            feeds,
            (int) reader.number("HEALTH_PORT", 8080, 0, 65535),
            reader.text("HEALTH_BIND_ADDRESS", "0.0.0.0"),
            reader.bool("LEADER_ELECTION", false),
            reader.text("LEADER_ELECTION_LEASE", "taskoverflow-operator"),
            reader.text("POD_NAME", hostname()),
            (int)
                reader.number("MAX_RUNNING_GENERATORS", DEFAULT_MAX_RUNNING_GENERATORS, 1, 10_000));
    reader.failOnProblems();
    return config;
  }

  private static Duration seconds(EnvReader reader, String name, Duration fallback) {
    return Duration.ofSeconds(reader.number(name, fallback.toSeconds(), 1, 31_536_000));
  }

  private static Duration millis(EnvReader reader, String name, Duration fallback) {
    return Duration.ofMillis(reader.number(name, fallback.toMillis(), 250, 600_000));
  }

  private static String quantity(EnvReader reader, String name, String fallback) {
    String value = reader.text(name, fallback);
    try {
      Quantity.getAmountInBytes(new Quantity(value));
    } catch (IllegalArgumentException | ArithmeticException e) {
      reader.problem(
          name + " must be a Kubernetes quantity such as 100m or 256Mi, was '" + value + "'");
    }
    return value;
  }

  /** A plain positive integer: the generator compares it with bytes written, nothing to convert. */
  private static long byteCount(EnvReader reader, String name, long fallback) {
    String value = reader.optional(name);
    if (value == null) {
      return fallback;
    }
    try {
      long bytes = Long.parseLong(value);
      if (bytes > 0) {
        return bytes;
      }
    } catch (NumberFormatException e) {
      // reported below, like a number that is not positive
    }
    reader.problem(
        name + " must be a positive number of bytes such as 67108864, was '" + value + "'");
    return fallback;
  }

  private static void checkDefaultWithinMaximum(
      EnvReader reader, String name, long value, long maximum) {
    if (value > maximum) {
      reader.problem(name + " (" + value + ") must not exceed its maximum (" + maximum + ")");
    }
  }

  private static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "taskoverflow-operator";
    }
  }
}

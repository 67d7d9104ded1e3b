package io.taskoverflow.operator;

import com.zaxxer.hikari.HikariDataSource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.taskoverflow.operator.cleanup.CalendarStore;
import io.taskoverflow.operator.cleanup.JdbcCalendarStore;
import io.taskoverflow.operator.cleanup.OrphanCalendarSweeper;
import io.taskoverflow.operator.events.ExportEvents;
import io.taskoverflow.operator.export.CalendarExportReconciler;
import io.taskoverflow.operator.export.ExportCleanup;
import io.taskoverflow.operator.export.ExportExpiry;
import io.taskoverflow.operator.export.ExportReuse;
import io.taskoverflow.operator.feed.CalendarFeedReconciler;
import io.taskoverflow.operator.feed.JdbcTodoRevisions;
import io.taskoverflow.operator.job.GeneratorJobDependentFactory;
import io.taskoverflow.operator.job.GeneratorJobFactory;
import io.taskoverflow.operator.monitoring.ExportPhaseGauge;
import io.taskoverflow.operator.monitoring.HealthServer;
import io.taskoverflow.operator.queue.GeneratorAdmission;
import io.taskoverflow.operator.reuse.JdbcReusableCalendars;
import io.taskoverflow.operator.unreadable.UnreadableExportReporter;
import io.taskoverflow.operator.unreadable.UnreadableExports;
import io.taskoverflow.schema.PooledDataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running operator: JOSDK with the export and feed controllers, the orphan sweep and the health
 * server, wired by hand.
 */
public final class CalendarExportOperator implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CalendarExportOperator.class);
  private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(10);
  private static final Duration SWEEP_GRACE = Duration.ofMinutes(5);

  private final Operator operator;
  private final OrphanCalendarSweeper sweeper;
  private final HealthServer health;
  private final HikariDataSource dataSource;
  private final KubernetesClient client;
  private final UnreadableExportReporter reporter;
  private final String namespace;
  private final LeaseLossPolicy leaseLoss;
  private final AtomicBoolean stopped = new AtomicBoolean();

  private CalendarExportOperator(
      Operator operator,
      OrphanCalendarSweeper sweeper,
      HealthServer health,
      HikariDataSource dataSource,
      KubernetesClient client,
      UnreadableExportReporter reporter,
      String namespace,
      LeaseLossPolicy leaseLoss) {
    this.leaseLoss = leaseLoss;
    this.operator = operator;
    this.sweeper = sweeper;
    this.health = health;
    this.dataSource = dataSource;
    this.client = client;
    this.reporter = reporter;
    this.namespace = namespace;
  }

  /**
   * Starts reconciling the exports of the configured namespace with the given client's settings
   * (the client itself is left open for the caller).
   */
  public static CalendarExportOperator start(KubernetesClient given, OperatorConfig config) {
    String namespace =
        config.watchNamespace() != null
            ? config.watchNamespace()
            : given.getNamespace() != null ? given.getNamespace() : "default";
    Clock clock = Clock.systemUTC();
    ExportEvents events = new ExportEvents(given, clock);
    UnreadableExportReporter reporter = new UnreadableExportReporter(events);
    UnreadableExports unreadable = new UnreadableExports(reporter::report);
    // Everything the operator reads goes through a client on which no export can fail to read.
    KubernetesClient client = unreadable.newClient(given.getConfiguration());
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    HikariDataSource dataSource =
        PooledDataSource.create(
            "operator",
            config.database().url(),
            config.database().user(),
            config.database().password(),
            2,
            config.database().connectionTimeout(),
            config.database().statementTimeout());
    CalendarStore store = new JdbcCalendarStore(dataSource);
    GeneratorJobFactory jobs = new GeneratorJobFactory(config.generator(), config.limits());

    LeaseLossPolicy leaseLoss = new LeaseLossPolicy();
    Operator operator =
        new Operator(
            overrider ->
                configure(overrider, client, config, namespace, registry, jobs, leaseLoss));
    operator.register(
        new CalendarExportReconciler(
            events,
            unreadable,
            new ExportExpiry(config.limits()),
            new ExportCleanup(store),
            new ExportReuse(
                new JdbcReusableCalendars(dataSource), config.generator().image(), clock),
            new ExportPhaseGauge(registry),
            new GeneratorAdmission(config.maxRunningGenerators(), clock),
            clock),
        controller ->
            controller
                .settingNamespace(namespace)
                .withOnAddFilter(unreadable::accept)
                .withOnUpdateFilter((export, before) -> unreadable.accept(export)));
    operator.register(
        new CalendarFeedReconciler(
            new JdbcTodoRevisions(dataSource),
            config.feeds(),
            (int) Math.min(Integer.MAX_VALUE, config.limits().maxTtlSeconds()),
            events,
            clock),
        controller -> controller.settingNamespace(namespace));
    operator.start();

    OrphanCalendarSweeper sweeper =
        new OrphanCalendarSweeper(client, namespace, store, SWEEP_GRACE);
    sweeper.start(SWEEP_INTERVAL);
    HealthServer health =
        HealthServer.start(
            config.healthBindAddress(),
            config.healthPort(),
            () ->
                operator.getRuntimeInfo().isStarted()
                    && operator.getRuntimeInfo().allEventSourcesAreHealthy(),
            registry);
    LOG.info(
        "Operator watching CalendarExports and CalendarFeeds in namespace {}; health and metrics on"
            + " port {}",
        namespace,
        health.port());
    return new CalendarExportOperator(
        operator, sweeper, health, dataSource, client, reporter, namespace, leaseLoss);
  }

  private static void configure(
      ConfigurationServiceOverrider overrider,
      KubernetesClient client,
      OperatorConfig config,
      String namespace,
      PrometheusMeterRegistry registry,
      GeneratorJobFactory jobs,
      LeaseLossPolicy leaseLoss) {
    overrider
        .withKubernetesClient(client)
        .withCloseClientOnStop(false)
        // Server-side apply for the Job, but not for the export itself: JOSDK adds its finalizer
        // by applying a new CalendarExport, whose constructor fills in a default spec; applied with
        // force, that would claim the user's spec fields (the CRD's immutability rule refuses it).
        // The status is applied by the reconciler, which sends only the status.
        .withUseSSAToPatchPrimaryResource(false)
        .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry))
        .withDependentResourceFactory(new GeneratorJobDependentFactory(jobs));
    if (config.leaderElection()) {
      overrider.withLeaderElectionConfiguration(
          new LeaderElectionConfiguration(
              config.leaseName(),
              namespace,
              LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
              LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
              LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE,
              config.podName(),
              leaseLoss.callbacks(config.podName()),
              false));
    }
  }

  /** Port of /healthz, /readyz and /metrics (the chosen one when configured as 0). */
  public int healthPort() {
    return health.port();
  }

  public String namespace() {
    return namespace;
  }

  /** Stops everything started; a second call does nothing. */
  public void stop() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    leaseLoss.stopping();
    health.close();
    sweeper.close();
    operator.stop();
    reporter.close();
    client.close();
    dataSource.close();
  }

  @Override
  public void close() {
    stop();
  }
}

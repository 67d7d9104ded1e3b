package io.taskoverflow.operator;

import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A replica that loses its Lease must stop reconciling at once, or two replicas would write the
 * same exports; exiting lets Kubernetes restart it into the election. Stepping down because {@link
 * CalendarExportOperator#stop()} was called is no loss, and must not end the JVM (the sandbox and
 * the tests run the operator in theirs).
 */
final class LeaseLossPolicy {

  private static final Logger LOG = LoggerFactory.getLogger(LeaseLossPolicy.class);

  private volatile boolean stopping;

  LeaderCallbacks callbacks(String identity) {
    return new LeaderCallbacks(
        () -> LOG.info("{} leads: reconciling CalendarExports", identity),
        this::stoppedLeading,
        leader -> LOG.info("Leader is now {}", leader));
  }

  void stopping() {
    stopping = true;
  }

  private void stoppedLeading() {
    if (!stopping) {
      LOG.error("Lost the leader-election Lease; exiting so that a restart rejoins the election");
      System.exit(1);
    }
  }
}

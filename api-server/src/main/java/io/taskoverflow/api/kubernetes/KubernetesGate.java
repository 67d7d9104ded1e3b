package io.taskoverflow.api.kubernetes;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.taskoverflow.api.health.Circuit;
import java.time.Duration;
import java.util.function.Function;

/**
 * The Kubernetes API calls made while a client waits for its answer. They go through a client of
 * their own with short timeouts and no retries (fabric8's defaults retry for about 20 s), and
 * through a {@link Circuit}: while the API does not answer, these calls answer 503 {@code
 * kubernetes unavailable} at once, and the circuit's own check finds out when it is back. The
 * informers keep the caller's client: they wait, retry and catch up by themselves.
 */
public final class KubernetesGate implements AutoCloseable {

  private final KubernetesClient client;
  private final Circuit circuit;

  /** Calls through this client; while the API is away, checks it every {@code retryInterval}. */
  public KubernetesGate(KubernetesClient client, Duration retryInterval) {
    this.client = client;
    this.circuit = new Circuit("The Kubernetes API", retryInterval, this::ping);
  }

  /** A gate with its own client: the caller's configuration, this connect and request timeout. */
  public static KubernetesGate open(
      KubernetesClient base, Duration timeout, Duration retryInterval) {
    int millis = Math.toIntExact(timeout.toMillis());
    KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder(base.getConfiguration())
                    .withConnectionTimeout(millis)
                    .withRequestTimeout(millis)
                    .withRequestRetryBackoffLimit(0)
                    .build())
            .build();
    KubernetesGate gate = new KubernetesGate(client, retryInterval);
    gate.warmUp();
    return gate;
  }

  /**
   * One request before the first client's: it opens the connection and loads what a first call
   * needs, which on a busy machine can take longer than the timeout. Its failure changes nothing.
   */
  private void warmUp() {
    try {
      ping();
    } catch (KubernetesClientException notYet) {
      // The circuit learns of an outage from the requests themselves.
    }
  }

  /**
   * The request's result; {@link KubernetesUnavailable} when the circuit is open or the API does
   * not answer. An answer such as 404 or 409 is thrown as it is: the API is there.
   */
  public <T> T call(Function<KubernetesClient, T> request) {
    if (!circuit.admit()) {
      throw new KubernetesUnavailable(null);
    }
    try {
      T result = request.apply(client);
      circuit.succeeded();
      return result;
    } catch (KubernetesClientException e) {
      if (KubernetesFailures.isUnavailable(e)) {
        circuit.failed();
        throw new KubernetesUnavailable(e);
      }
      circuit.succeeded();
      throw e;
    }
  }

  public Circuit circuit() {
    return circuit;
  }

  /** The circuit's check: returns when the API answers, within the timeout. */
  private void ping() {
    client.getKubernetesVersion();
  }

  @Override
  public void close() {
    client.close();
  }
}

package io.taskoverflow.api.kubernetes;

/**
 * For fakes of what stands behind the {@link KubernetesGate}: the failure it throws in an outage.
 */
public final class KubernetesOutage {

  private KubernetesOutage() {}

  public static KubernetesUnavailable unavailable() {
    return new KubernetesUnavailable(null);
  }
}

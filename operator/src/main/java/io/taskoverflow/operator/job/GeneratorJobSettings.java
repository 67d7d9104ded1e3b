package io.taskoverflow.operator.job;

/**
 * What every generator pod gets from the operator's configuration.
 *
 * @param dbSecretName the Secret whose {@code jdbc-url}, {@code username} and {@code password} keys
 *     reach the pod only as secretKeyRef environment variables
 * @param serviceAccountName the account the pods run as (the chart's token-less generator account);
 *     {@code null} leaves it to Kubernetes, which picks the namespace's {@code default}
 * @param maxResultBytes the most bytes one stored calendar may have; a larger one fails the export
 * @param pod where the pods may run (nodeSelector, tolerations, affinity) and the database CA
 *     bundle they mount
 */
public record GeneratorJobSettings(
    String image,
    String imagePullPolicy,
    String cpuRequest,
    String cpuLimit,
    String memoryRequest,
    String memoryLimit,
    String dbSecretName,
    String serviceAccountName,
    long maxResultBytes,
    GeneratorPodSettings pod) {

  public GeneratorJobSettings {
    pod = pod == null ? GeneratorPodSettings.NONE : pod;
  }
}

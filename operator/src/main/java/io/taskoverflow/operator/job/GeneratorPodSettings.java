package io.taskoverflow.operator.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.taskoverflow.config.EnvReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where generator pods may run, and the database CA bundle they mount: the chart's {@code
 * generator.nodeSelector}, {@code .tolerations}, {@code .affinity} and {@code database.caBundle},
 * which reach the operator as environment variables (the first three as JSON).
 *
 * @param nodeSelector the pods' nodeSelector, e.g. {@code kubernetes.io/arch: arm64}; empty for
 *     none
 * @param tolerations the pods' tolerations; empty for none
 * @param affinity the pods' affinity; {@code null} for none
 * @param caBundle the CA bundle volume every generator pod mounts; {@code null} for none
 */
public record GeneratorPodSettings(
    Map<String, String> nodeSelector,
    List<Toleration> tolerations,
    Affinity affinity,
    CaBundle caBundle) {

  /** The name of the CA bundle's volume in generator pods. */
  public static final String CA_BUNDLE_VOLUME = "db-ca";

  /** No scheduling constraints and no CA bundle: Kubernetes' defaults. */
  public static final GeneratorPodSettings NONE =
      new GeneratorPodSettings(Map.of(), List.of(), null, null);

  private static final ObjectMapper JSON = new ObjectMapper();

  public GeneratorPodSettings {
    nodeSelector = Collections.unmodifiableMap(new LinkedHashMap<>(nodeSelector));
    tolerations = Collections.unmodifiableList(new ArrayList<>(tolerations));
  }

  /**
   * A ConfigMap or Secret whose keys become files in {@code mountPath}, read-only: the JDBC URL
   * names one of them, e.g. {@code sslrootcert=/etc/taskoverflow/db-ca/global-bundle.pem}.
   *
   * @param configMap the ConfigMap's name, or {@code null} when it is a Secret
   * @param secret the Secret's name, or {@code null} when it is a ConfigMap
   */
  public record CaBundle(String configMap, String secret, String mountPath) {}

  /**
   * Reads GENERATOR_NODE_SELECTOR (a JSON object of strings), GENERATOR_TOLERATIONS (a JSON array
   * of Tolerations), GENERATOR_AFFINITY (a JSON Affinity), and GENERATOR_DB_CA_CONFIGMAP or
   * GENERATOR_DB_CA_SECRET with GENERATOR_DB_CA_MOUNT_PATH; reports malformed ones to {@code
   * reader}.
   */
  public static GeneratorPodSettings fromEnv(EnvReader reader) {
    Map<String, String> nodeSelector =
        json(reader, "GENERATOR_NODE_SELECTOR", new TypeReference<Map<String, String>>() {});
    if (nodeSelector != null && nodeSelector.containsValue(null)) {
      reader.problem("GENERATOR_NODE_SELECTOR must map labels to strings, not null");
      nodeSelector = null;
    }
    List<Toleration> tolerations =
        json(reader, "GENERATOR_TOLERATIONS", new TypeReference<List<Toleration>>() {});
    if (tolerations != null && tolerations.contains(null)) {
      reader.problem("GENERATOR_TOLERATIONS must be an array of tolerations, not null");
      tolerations = null;
    }
    Affinity affinity = json(reader, "GENERATOR_AFFINITY", new TypeReference<Affinity>() {});
    return new GeneratorPodSettings(
        nodeSelector == null ? Map.of() : nodeSelector,
        tolerations == null ? List.of() : tolerations,
        affinity,
        caBundle(reader));
  }

  private static CaBundle caBundle(EnvReader reader) {
    String configMap = reader.optional("GENERATOR_DB_CA_CONFIGMAP");
    String secret = reader.optional("GENERATOR_DB_CA_SECRET");
    String mountPath = reader.text("GENERATOR_DB_CA_MOUNT_PATH", "/etc/taskoverflow/db-ca");
    if (configMap != null && secret != null) {
      reader.problem("set GENERATOR_DB_CA_CONFIGMAP or GENERATOR_DB_CA_SECRET, not both");
      return null;
    }
    if (!mountPath.startsWith("/")) {
      reader.problem(
          "GENERATOR_DB_CA_MOUNT_PATH must be an absolute path, was '" + mountPath + "'");
      return null;
    }
    return configMap == null && secret == null ? null : new CaBundle(configMap, secret, mountPath);
  }

  private static <T> T json(EnvReader reader, String name, TypeReference<T> type) {
    String value = reader.optional(name);
    if (value == null) {
      return null;
    }
    try {
      return JSON.readValue(value, type);
    } catch (JsonProcessingException e) {
      reader.problem(name + " must be JSON (" + e.getOriginalMessage() + "), was '" + value + "'");
      return null;
    }
  }

  /** The pods' nodeSelector; {@code null} when empty, so the pod spec leaves it out. */
  Map<String, String> nodeSelectorOrNull() {
    return nodeSelector.isEmpty() ? null : new LinkedHashMap<>(nodeSelector);
  }

  /** The pods' tolerations; {@code null} when empty, so the pod spec leaves them out. */
  List<Toleration> tolerationsOrNull() {
    return tolerations.isEmpty() ? null : new ArrayList<>(tolerations);
  }

  /** The CA bundle's volume, a ConfigMap or a Secret; none without a bundle. */
  List<Volume> volumes() {
    if (caBundle == null) {
      return List.of();
    }
    VolumeBuilder volume = new VolumeBuilder().withName(CA_BUNDLE_VOLUME);
    if (caBundle.configMap() != null) {
      volume.withNewConfigMap().withName(caBundle.configMap()).withOptional(false).endConfigMap();
    } else {
      volume.withNewSecret().withSecretName(caBundle.secret()).withOptional(false).endSecret();
    }
    return List.of(volume.build());
  }

  /** The generator container's read-only mount of the CA bundle; none without a bundle. */
  List<VolumeMount> volumeMounts() {
    if (caBundle == null) {
      return List.of();
    }
    return List.of(
        new VolumeMountBuilder()
            .withName(CA_BUNDLE_VOLUME)
            .withMountPath(caBundle.mountPath())
            .withReadOnly(true)
            .build());
  }
}

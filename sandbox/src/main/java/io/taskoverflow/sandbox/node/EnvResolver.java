package io.taskoverflow.sandbox.node;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectFieldSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a container's {@code env} and {@code envFrom} into the process environment, reading Secrets
 * and ConfigMaps from the API the way the kubelet does. A missing, non-optional reference keeps the
 * container from starting.
 */
final class EnvResolver {

  private final KubernetesClient client;

  EnvResolver(KubernetesClient client) {
    this.client = client;
  }

  Map<String, String> resolve(Pod pod, Container container) throws ContainerConfigException {
    String namespace = pod.getMetadata().getNamespace();
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvFromSource source : container.getEnvFrom()) {
      String prefix = source.getPrefix() == null ? "" : source.getPrefix();
      if (source.getSecretRef() != null) {
        Secret secret =
            secret(namespace, source.getSecretRef().getName(), source.getSecretRef().getOptional());
        if (secret != null) {
          decoded(secret).forEach((key, value) -> env.put(prefix + key, value));
        }
      }
      if (source.getConfigMapRef() != null) {
        ConfigMap map =
            configMap(
                namespace,
                source.getConfigMapRef().getName(),
                source.getConfigMapRef().getOptional());
        if (map != null && map.getData() != null) {
          map.getData().forEach((key, value) -> env.put(prefix + key, value));
        }
      }
    }
    for (EnvVar variable : container.getEnv()) {
      String value = value(pod, variable);
      if (value != null) {
        env.put(variable.getName(), value);
      }
    }
    return env;
  }

  private String value(Pod pod, EnvVar variable) throws ContainerConfigException {
    if (variable.getValueFrom() == null) {
      return variable.getValue() == null ? "" : variable.getValue();
    }
    String namespace = pod.getMetadata().getNamespace();
    SecretKeySelector secretKey = variable.getValueFrom().getSecretKeyRef();
    if (secretKey != null) {
      Secret secret = secret(namespace, secretKey.getName(), secretKey.getOptional());
      String value = secret == null ? null : decoded(secret).get(secretKey.getKey());
      if (value == null && secret != null && !Boolean.TRUE.equals(secretKey.getOptional())) {
        throw new ContainerConfigException(
            "couldn't find key "
                + secretKey.getKey()
                + " in Secret "
                + namespace
                + "/"
                + secretKey.getName());
      }
      return value;
    }
    ConfigMapKeySelector mapKey = variable.getValueFrom().getConfigMapKeyRef();
    if (mapKey != null) {
      ConfigMap map = configMap(namespace, mapKey.getName(), mapKey.getOptional());
      String value =
          map == null || map.getData() == null ? null : map.getData().get(mapKey.getKey());
      if (value == null && map != null && !Boolean.TRUE.equals(mapKey.getOptional())) {
        throw new ContainerConfigException(
            "couldn't find key "
                + mapKey.getKey()
                + " in ConfigMap "
                + namespace
                + "/"
                + mapKey.getName());
      }
      return value;
    }
    ObjectFieldSelector field = variable.getValueFrom().getFieldRef();
    if (field != null) {
      return switch (field.getFieldPath()) {
        case "metadata.name" -> pod.getMetadata().getName();
        case "metadata.namespace" -> namespace;
        case "metadata.uid" -> pod.getMetadata().getUid();
        case "spec.nodeName" -> pod.getSpec().getNodeName();
        case "spec.serviceAccountName" -> pod.getSpec().getServiceAccountName();
        case "status.podIP", "status.hostIP" -> "127.0.0.1";
        default ->
            throw new ContainerConfigException(
                "the sandbox does not resolve fieldRef " + field.getFieldPath());
      };
    }
    throw new ContainerConfigException(
        "the sandbox does not resolve valueFrom of " + variable.getName());
  }

  private Secret secret(String namespace, String name, Boolean optional)
      throws ContainerConfigException {
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    if (secret == null && !Boolean.TRUE.equals(optional)) {
      throw new ContainerConfigException("secret \"" + name + "\" not found");
    }
    return secret;
  }

  private ConfigMap configMap(String namespace, String name, Boolean optional)
      throws ContainerConfigException {
    ConfigMap map = client.configMaps().inNamespace(namespace).withName(name).get();
    if (map == null && !Boolean.TRUE.equals(optional)) {
      throw new ContainerConfigException("configmap \"" + name + "\" not found");
    }
    return map;
  }

  private static Map<String, String> decoded(Secret secret) {
    Map<String, String> values = new LinkedHashMap<>();
    if (secret.getData() != null) {
      secret
          .getData()
          .forEach(
              (key, value) ->
                  values.put(
                      key, new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
    }
    if (secret.getStringData() != null) {
      values.putAll(secret.getStringData());
    }
    return values;
  }
}

package io.taskoverflow.api.kubernetes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.function.Function;

/** The resources of one kind in one namespace, called through the {@link KubernetesGate}. */
public final class GatedResources<T extends HasMetadata> {

  private final KubernetesGate api;
  private final Class<T> type;
  private final String namespace;

  public GatedResources(KubernetesGate api, Class<T> type, String namespace) {
    this.api = api;
    this.type = type;
    this.namespace = namespace;
  }

  /** The request's result, or {@link KubernetesUnavailable} as {@link KubernetesGate#call}. */
  public <R> R call(
      Function<NonNamespaceOperation<T, KubernetesResourceList<T>, Resource<T>>, R> request) {
    return api.call(client -> request.apply(client.resources(type).inNamespace(namespace)));
  }

  /**
   * A JSON merge patch (RFC 7386) of the named resource: only the fields in {@code patch} change,
   * and a {@code metadata.resourceVersion} in it makes the API server answer 409 Conflict when the
   * resource has changed since. Not a typed resource: it would send every field of one.
   */
  public T mergePatch(String name, ObjectNode patch) {
    return call(
        resources ->
            resources
                .withName(name)
                .patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString()));
  }
}

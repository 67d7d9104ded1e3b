package io.taskoverflow.api.kubernetes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resources of one kind in one namespace: read from an informer's cache, which is watched with
 * the caller's client, and otherwise called through the {@link KubernetesGate}.
 */
public final class NamespacedResources<T extends HasMetadata> implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(NamespacedResources.class);

  private final KubernetesGate api;
  private final Class<T> type;
  private final String namespace;
  private final SharedIndexInformer<T> informer;

  /** With an informer that is not started yet: the caller adds its handlers first. */
  public NamespacedResources(
      KubernetesClient watching, KubernetesGate api, Class<T> type, String namespace) {
    this.api = api;
    this.type = type;
    this.namespace = namespace;
    this.informer = watching.resources(type).inNamespace(namespace).runnableInformer(0);
  }

  public SharedIndexInformer<T> informer() {
    return informer;
  }

  /**
   * Starts filling the cache; serving does not wait for it, reads go to the API server till then.
   */
  public void start() {
    informer
        .start()
        .whenComplete(
            (ignored, failure) -> {
              if (failure != null) {
                LOG.warn(
                    "{} informer in {} did not start; reading directly",
                    type.getSimpleName(),
                    namespace,
                    failure);
              } else {
                LOG.info("{} informer in {} synced", type.getSimpleName(), namespace);
              }
            });
  }

  /** The request's result, or {@link KubernetesUnavailable} as {@link KubernetesGate#call}. */
  public <R> R call(
      Function<NonNamespaceOperation<T, KubernetesResourceList<T>, Resource<T>>, R> request) {
    return api.call(client -> request.apply(client.resources(type).inNamespace(namespace)));
  }

  /**
   * Creates a resource of this api-server's: named, in this namespace, labelled with who made it
   * and annotated ({@code requestedAtAnnotation}) with when it was asked for.
   */
  public T create(T resource, String name, String requestedAtAnnotation, Instant requestedAt) {
    resource.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace(namespace)
            .addToLabels("app.kubernetes.io/managed-by", "taskoverflow-api-server")
            .addToAnnotations(requestedAtAnnotation, requestedAt.toString())
            .build());
    return call(resources -> resources.resource(resource).create());
  }

  /** The cache's resources, or the API server's before the cache has synced. */
  public List<T> list() {
    return informer.hasSynced()
        ? informer.getStore().list()
        : call(resources -> resources.list().getItems());
  }

  /**
   * The cached resource, or for a cache miss the API server's: the watch event of one just created
   * may not have arrived yet.
   */
  public Optional<T> find(String name) {
    T cached = informer.getStore().getByKey(Cache.namespaceKeyFunc(namespace, name));
    if (cached != null) {
      return Optional.of(cached);
    }
    return Optional.ofNullable(call(resources -> resources.withName(name).get()));
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

  @Override
  public void close() {
    informer.close();
  }
}

package io.taskoverflow.sandbox.runner;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The garbage collector's part: deletes Jobs and Pods none of whose owners exist any more (same
 * name and uid), as background cascading deletion does. Deleting a Pod stops its process through
 * the kubelet's watch.
 */
final class GarbageCollector {

  private static final Logger LOG = LoggerFactory.getLogger(GarbageCollector.class);

  private final KubernetesClient client;

  GarbageCollector(KubernetesClient client) {
    this.client = client;
  }

  /** One pass over every Job, then every Pod (Jobs first, so their pods go in the same pass). */
  void sweep() {
    Map<OwnerReferenceKey, Boolean> exists = new HashMap<>();
    client
        .batch()
        .v1()
        .jobs()
        .inAnyNamespace()
        .list()
        .getItems()
        .forEach(job -> collect(job, exists));
    client.pods().inAnyNamespace().list().getItems().forEach(pod -> collect(pod, exists));
  }

  private void collect(HasMetadata dependent, Map<OwnerReferenceKey, Boolean> exists) {
    List<OwnerReference> owners = dependent.getMetadata().getOwnerReferences();
    if (owners == null
        || owners.isEmpty()
        || dependent.getMetadata().getDeletionTimestamp() != null) {
      return;
    }
    String namespace = dependent.getMetadata().getNamespace();
    boolean orphaned =
        owners.stream()
            .noneMatch(
                owner ->
                    exists.computeIfAbsent(
                        new OwnerReferenceKey(namespace, owner), key -> ownerExists(key)));
    if (orphaned) {
      LOG.info(
          "{} {}/{}: owner {} is gone, deleting it",
          dependent.getKind(),
          namespace,
          dependent.getMetadata().getName(),
          owners.stream().map(o -> o.getKind() + "/" + o.getName()).toList());
      client.resource(dependent).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
    }
  }

  private boolean ownerExists(OwnerReferenceKey key) {
    try {
      GenericKubernetesResource owner =
          client
              .genericKubernetesResources(key.owner().getApiVersion(), key.owner().getKind())
              .inNamespace(key.namespace())
              .withName(key.owner().getName())
              .get();
      return owner != null && key.owner().getUid().equals(owner.getMetadata().getUid());
    } catch (KubernetesClientException e) {
      // An owner of a kind the API does not serve cannot exist; anything else: keep, retry later.
      return e.getCode() != 404 && !String.valueOf(e.getMessage()).contains("Could not find");
    }
  }

  private record OwnerReferenceKey(String namespace, OwnerReference owner) {}
}

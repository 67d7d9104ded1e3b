package io.taskoverflow.sandbox.runner;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
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
    Map<KindKey, Optional<Set<String>>> exists = new HashMap<>();
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

  private void collect(HasMetadata dependent, Map<KindKey, Optional<Set<String>>> exists) {
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
                    exists
                        .computeIfAbsent(
                            new KindKey(namespace, owner.getApiVersion(), owner.getKind()),
                            this::uidsOf)
                        .map(uids -> uids.contains(owner.getUid()))
                        .orElse(true));
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

  /**
   * The uids of every object of one kind in one namespace: one list per kind and pass, not one
   * request per owner (hundreds of exports would keep the runner's thread busy with nothing else).
   * Empty when nothing can be known (then every owner of that kind counts as existing).
   */
  private Optional<Set<String>> uidsOf(KindKey key) {
    try {
      return Optional.of(
          client
              .genericKubernetesResources(key.apiVersion(), key.kind())
              .inNamespace(key.namespace())
              .list()
              .getItems()
              .stream()
              .map(owner -> owner.getMetadata().getUid())
              .collect(Collectors.toSet()));
    } catch (KubernetesClientException e) {
      // An owner of a kind the API does not serve cannot exist; anything else: keep, retry later.
      boolean unknownKind =
          e.getCode() == 404 || String.valueOf(e.getMessage()).contains("Could not find");
      return unknownKind ? Optional.of(Set.of()) : Optional.empty();
    }
  }

  private record KindKey(String namespace, String apiVersion, String kind) {}
}

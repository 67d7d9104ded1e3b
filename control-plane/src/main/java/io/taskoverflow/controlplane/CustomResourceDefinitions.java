package io.taskoverflow.controlplane;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.concurrent.TimeUnit;

/** Installing a CRD as {@code kubectl apply -f crds/} does, and waiting until it is served. */
public final class CustomResourceDefinitions {

  private static final long ESTABLISHED_TIMEOUT_SECONDS = 30;

  private CustomResourceDefinitions() {}

  /**
   * Creates or updates the CRD (server-side apply) and returns once the API server reports it
   * Established, i.e. serves its resources.
   */
  public static void install(KubernetesClient admin, CustomResourceDefinition crd) {
    crd.getMetadata().setResourceVersion(null);
    admin.resource(crd).forceConflicts().serverSideApply();
    admin
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .withName(crd.getMetadata().getName())
        .waitUntilCondition(
            CustomResourceDefinitions::established, ESTABLISHED_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  /** True once the API server serves it; a CRD just created may have no conditions yet. */
  static boolean established(CustomResourceDefinition crd) {
    return crd != null
        && crd.getStatus() != null
        && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}

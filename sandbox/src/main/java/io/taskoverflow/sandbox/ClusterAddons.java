package io.taskoverflow.sandbox;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a cluster installer adds to a bare cluster and the chart relies on: CoreDNS, which the pods
 * find the database and the API server by, and a default StorageClass whose provisioner makes
 * volumes in a directory of the sandbox's work directory (the chart's PostgreSQL claims one).
 */
final class ClusterAddons {

  static final List<String> FILES = List.of("coredns.yaml", "local-path-storage.yaml");

  private ClusterAddons() {}

  static void apply(KubernetesClient admin, ProjectFiles project, Path volumes) {
    try {
      Files.createDirectories(volumes);
      for (String file : FILES) {
        String yaml =
            Files.readString(project.addon(file)).replace("__LOCAL_PATH__", volumes.toString());
        List<HasMetadata> objects =
            admin.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items();
        for (HasMetadata object : objects) {
          admin.resource(object).forceConflicts().serverSideApply();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not apply the cluster add-ons", e);
    }
  }
}

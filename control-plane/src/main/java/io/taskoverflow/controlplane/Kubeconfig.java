package io.taskoverflow.controlplane;

import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.ConfigBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

/** A self-contained kubeconfig (CA and bearer token inline), readable by its owner only. */
public final class Kubeconfig {

  public static final String CONTEXT = "taskoverflow-sandbox";

  private Kubeconfig() {}

  public static Path write(
      Path file, String serverUrl, Path caCertificate, String token, String namespace) {
    try {
      String ca = Base64.getEncoder().encodeToString(Files.readAllBytes(caCertificate));
      Config config =
          new ConfigBuilder()
              .withApiVersion("v1")
              .withKind("Config")
              .addNewCluster()
              .withName(CONTEXT)
              .withNewCluster()
              .withServer(serverUrl)
              .withCertificateAuthorityData(ca)
              .endCluster()
              .endCluster()
              .addNewUser()
              .withName(CONTEXT)
              .withNewUser()
              .withToken(token)
              .endUser()
              .endUser()
              .addNewContext()
              .withName(CONTEXT)
              .withNewContext()
              .withCluster(CONTEXT)
              .withUser(CONTEXT)
              .withNamespace(namespace)
              .endContext()
              .endContext()
              .withCurrentContext(CONTEXT)
              .build();
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.deleteIfExists(file);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      return Files.writeString(
          file, new KubernetesSerialization().asYaml(config), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }
}

package io.taskoverflow.controlplane;

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
      String yaml =
          """
          apiVersion: v1
          kind: Config
          clusters:
          - name: %1$s
            cluster:
              server: %2$s
              certificate-authority-data: %3$s
          users:
          - name: %1$s
            user:
              token: %4$s
          contexts:
          - name: %1$s
            context:
              cluster: %1$s
              user: %1$s
              namespace: %5$s
          current-context: %1$s
          """
              .formatted(CONTEXT, serverUrl, ca, token, namespace);
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.deleteIfExists(file);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      return Files.writeString(file, yaml, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }
}

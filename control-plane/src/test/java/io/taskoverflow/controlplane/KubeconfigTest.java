package io.taskoverflow.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigTest {

  @TempDir Path directory;

  @Test
  void aClientReadsTheServerCaTokenAndNamespaceBackAndOnlyItsOwnerCanReadIt() throws Exception {
    Path ca = Files.writeString(directory.resolve("ca.crt"), "-----BEGIN CERTIFICATE-----\n");

    Path file =
        Kubeconfig.write(
            directory.resolve("nested/kubeconfig"),
            "https://127.0.0.1:6443",
            ca,
            "secret-token",
            "taskoverflow");

    Config config = Config.fromKubeconfig(Files.readString(file));
    assertThat(config.getMasterUrl()).isEqualTo("https://127.0.0.1:6443/");
    assertThat(config.getCaCertData())
        .isEqualTo(java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(ca)));
    assertThat(config.getAutoOAuthToken()).isEqualTo("secret-token");
    assertThat(config.getNamespace()).isEqualTo("taskoverflow");
    assertThat(config.getCurrentContext().getName()).isEqualTo(Kubeconfig.CONTEXT);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }
}

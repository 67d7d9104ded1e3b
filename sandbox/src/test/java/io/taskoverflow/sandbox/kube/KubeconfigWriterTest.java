package io.taskoverflow.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigWriterTest {

  @Test
  void writtenKubeconfigPointsAtTheServerAndNamespace(@TempDir Path directory) throws Exception {
    Path file =
        KubeconfigWriter.write(
            directory.resolve("sub/kubeconfig"), "http://localhost:1234", "default");

    Config config = Config.fromKubeconfig(Files.readString(file));
    assertThat(config.getMasterUrl()).startsWith("http://localhost:1234");
    assertThat(config.getNamespace()).isEqualTo("default");
    assertThat(config.getCurrentContext().getName()).isEqualTo(KubeconfigWriter.CONTEXT);
  }
}

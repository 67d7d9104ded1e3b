package io.taskoverflow.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * queue-demo/queue, the README's entry point (it builds, so here it is only checked). That it is
 * strict bash passing shellcheck is helm's ShellScriptsTest, for every script of the repository.
 */
class QueueScriptTest {

  private static final Path SCRIPT = Path.of("queue");

  @Test
  void theScriptRunsTheJarThisModuleBuilds() throws IOException {
    String script = Files.readString(SCRIPT);
    String pom = Files.readString(Path.of("pom.xml"));

    assertThat(pom).contains("<finalName>queue-demo</finalName>");
    assertThat(script).contains("/queue-demo/target/queue-demo.jar", "-pl queue-demo package");
  }
}

package io.taskoverflow.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The chart ships the generated CRD untemplated, identical to crds/. */
class CrdTest {

  private static final String FILE = "calendarexports.taskoverflow.io-v1.yml";

  @Test
  void theChartsCrdIsTheGeneratedOne() throws IOException {
    String generated;
    try (InputStream in = getClass().getResourceAsStream("/META-INF/fabric8/" + FILE)) {
      assertThat(in).as("CRD generated into the model jar").isNotNull();
      generated = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(Chart.chartDir().resolve("crds").resolve(FILE)))
        .isEqualTo(Files.readString(Chart.repoRoot().resolve("crds").resolve(FILE)))
        .isEqualTo(generated);
  }

  @Test
  void theChartsCrdFolderHoldsOnlyTheCrd() throws IOException {
    try (var files = Files.list(Chart.chartDir().resolve("crds"))) {
      assertThat(files.map(Path::getFileName).map(Path::toString)).containsExactly(FILE);
    }
  }

  @Test
  void helmDoesNotRenderTheCrdAsATemplate() {
    assertThat(Chart.render().ofKind("CustomResourceDefinition")).isEmpty();
  }
}

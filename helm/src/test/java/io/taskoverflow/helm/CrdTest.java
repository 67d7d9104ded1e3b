package io.taskoverflow.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoverflow.model.CustomResourceDefinitionFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The chart ships the generated CRDs untemplated, identical to crds/. */
class CrdTest {

  private static final List<String> FILES = CustomResourceDefinitionFiles.NAMES;

  @ParameterizedTest
  @FieldSource("FILES")
  void theChartsCrdIsTheGeneratedOne(String file) throws IOException {
    String generated;
    try (InputStream in = getClass().getResourceAsStream("/META-INF/fabric8/" + file)) {
      assertThat(in).as("CRD generated into the model jar").isNotNull();
      generated = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(Chart.chartDir().resolve("crds").resolve(file)))
        .isEqualTo(Files.readString(Chart.repoRoot().resolve("crds").resolve(file)))
        .isEqualTo(generated);
  }

  @Test
  void theChartsCrdFolderHoldsOnlyTheCrds() throws IOException {
    try (var files = Files.list(Chart.chartDir().resolve("crds"))) {
      assertThat(files.map(Path::getFileName).map(Path::toString))
          .containsExactlyInAnyOrderElementsOf(FILES);
    }
  }

  @Test
  void helmDoesNotRenderTheCrdAsATemplate() {
    assertThat(Chart.render().ofKind("CustomResourceDefinition")).isEmpty();
  }
}

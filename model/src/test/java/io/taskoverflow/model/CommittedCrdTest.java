package io.taskoverflow.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The CRD users apply is generated from these classes; a stale committed copy fails the build. */
class CommittedCrdTest {

  static final String HOW_TO_FIX =
      "the committed CRD differs from the one generated from the model classes;"
          + " run ./mvnw -pl model -Pupdate-crds process-classes and commit crds/ and helm/";

  static Stream<String> crdFiles() {
    return CustomResourceDefinitionFiles.NAMES.stream();
  }

  @ParameterizedTest
  @MethodSource("crdFiles")
  void committedCrdMatchesTheGeneratedOne(String file) throws IOException {
    assertThat(committed(Path.of("..", "crds", file))).as(HOW_TO_FIX).isEqualTo(generated(file));
  }

  @ParameterizedTest
  @MethodSource("crdFiles")
  void chartCrdMatchesTheGeneratedOne(String file) throws IOException {
    assertThat(committed(Path.of("..", "helm", "taskoverflow", "crds", file)))
        .as(HOW_TO_FIX)
        .isEqualTo(generated(file));
  }

  private static String generated(String file) throws IOException {
    try (InputStream crd =
        CommittedCrdTest.class.getResourceAsStream("/META-INF/fabric8/" + file)) {
      assertThat(crd).as("the CRD generator ran").isNotNull();
      return new String(crd.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String committed(Path path) throws IOException {
    assertThat(path).as("committed CRD").exists();
    return Files.readString(path);
  }
}

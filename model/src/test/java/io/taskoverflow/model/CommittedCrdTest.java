package io.taskoverflow.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The CRD users apply is generated from these classes; a stale committed copy fails the build. */
class CommittedCrdTest {

  static final String CRD_FILE = CalendarExport.CRD_NAME + "-v1.yml";
  static final String HOW_TO_FIX =
      "the committed CRD differs from the one generated from the model classes;"
          + " run ./mvnw -pl model -Pupdate-crds process-classes and commit crds/ and helm/";

  @Test
  void committedCrdMatchesTheGeneratedOne() throws IOException {
    assertThat(committed(Path.of("..", "crds", CRD_FILE))).as(HOW_TO_FIX).isEqualTo(generated());
  }

  @Test
  void chartCrdMatchesTheGeneratedOne() throws IOException {
    assertThat(committed(Path.of("..", "helm", "taskoverflow", "crds", CRD_FILE)))
        .as(HOW_TO_FIX)
        .isEqualTo(generated());
  }

  private static String generated() throws IOException {
    try (InputStream crd =
        CommittedCrdTest.class.getResourceAsStream("/META-INF/fabric8/" + CRD_FILE)) {
      assertThat(crd).as("the CRD generator ran").isNotNull();
      return new String(crd.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String committed(Path path) throws IOException {
    assertThat(path).as("committed CRD").exists();
    return Files.readString(path);
  }
}

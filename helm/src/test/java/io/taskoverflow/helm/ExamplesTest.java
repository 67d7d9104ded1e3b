package io.taskoverflow.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every sample under examples/ is a CalendarExport the generated CRD accepts. */
class ExamplesTest {

  private static final String CRD = "crds/calendarexports.taskoverflow.io-v1.yml";

  static Stream<Path> examples() throws IOException {
    try (Stream<Path> files = Files.walk(Chart.repoRoot().resolve("examples"))) {
      List<Path> yaml =
          files
              .filter(Files::isRegularFile)
              .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
              .sorted()
              .toList();
      return yaml.stream();
    }
  }

  /**
   * The CRD's openAPIV3Schema, made strict: the API server silently prunes unknown fields, so a
   * typo in an example ("windowdays") would be dropped without a word. Here it fails.
   */
  private static Schema strictCrdSchema() throws IOException {
    JsonNode crd = Chart.YAML.readTree(Chart.repoRoot().resolve(CRD).toFile());
    JsonNode schema = crd.at("/spec/versions/0/schema/openAPIV3Schema").deepCopy();
    closeObjects(schema.path("properties").path("spec"));
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(schema);
  }

  private static void closeObjects(JsonNode schema) {
    if (schema instanceof ObjectNode object && object.has("properties")) {
      object.put("additionalProperties", false);
      object.path("properties").forEach(ExamplesTest::closeObjects);
    }
  }

  @Test
  void thereAreExamplesForEachKindOfExport() throws IOException {
    List<JsonNode> specs =
        examples().map(ExamplesTest::read).map(example -> example.path("spec")).toList();
    assertThat(specs).anyMatch(spec -> spec.path("component").asText("VEVENT").equals("VEVENT"));
    assertThat(specs)
        .anyMatch(
            spec ->
                spec.path("component").asText().equals("VTODO")
                    && spec.has("filter")
                    && spec.has("calendarName"));
    assertThat(specs)
        .anyMatch(
            spec ->
                spec.has("backoffLimit")
                    && spec.has("activeDeadlineSeconds")
                    && spec.has("ttlSecondsAfterFinished"));
  }

  @ParameterizedTest
  @MethodSource("examples")
  void validatesAgainstTheCrdSchema(Path example) throws IOException {
    JsonNode resource = read(example);
    assertThat(resource.path("apiVersion").asText()).isEqualTo("taskoverflow.io/v1");
    assertThat(resource.path("kind").asText()).isEqualTo("CalendarExport");
    assertThat(resource.has("status")).as("examples carry no status").isFalse();
    // The name becomes the Job's and the API's task_id: a DNS label keeps it usable everywhere.
    assertThat(resource.at("/metadata/name").asText())
        .matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    assertThat(resource.at("/metadata/namespace").isMissingNode())
        .as("the namespace comes from kubectl -n")
        .isTrue();
    assertThat(strictCrdSchema().validate(resource))
        .extracting(error -> error.getInstanceLocation() + ": " + error.getMessage())
        .isEmpty();
  }

  @Test
  void theStrictSchemaCatchesATypo() throws IOException {
    JsonNode typo =
        Chart.YAML.readTree(
            """
            apiVersion: taskoverflow.io/v1
            kind: CalendarExport
            metadata: {name: typo}
            spec:
              filter: {windowdays: 3}
              component: VCARD
            """);
    assertThat(strictCrdSchema().validate(typo))
        .extracting(error -> error.getInstanceLocation() + ": " + error.getMessage())
        .anyMatch(message -> message.contains("windowdays"))
        .anyMatch(message -> message.contains("component"));
  }

  private static JsonNode read(Path file) {
    try {
      return Chart.YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

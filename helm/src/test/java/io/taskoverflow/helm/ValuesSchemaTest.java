package io.taskoverflow.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.LintResult;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** values.schema.json describes every value and Helm refuses values that break it. */
class ValuesSchemaTest {

  static Stream<String> valuesFiles() {
    return Stream.of("values-kind.yaml", "values-external-db.yaml");
  }

  private static JsonNode schemaNode() throws IOException {
    return Chart.JSON.readTree(Chart.chartDir().resolve("values.schema.json").toFile());
  }

  private static Schema schema() throws IOException {
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(schemaNode());
  }

  @Test
  void theDefaultValuesFollowTheSchema() throws IOException {
    JsonNode values = Chart.YAML.readTree(Chart.chartDir().resolve("values.yaml").toFile());
    assertThat(schema().validate(values)).extracting(Error::getMessage).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("valuesFiles")
  void theShippedValuesFilesFollowTheSchema(String file) throws IOException {
    var values =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            Chart.YAML.readTree(Chart.chartDir().resolve("values.yaml").toFile());
    Chart.merge(values, Chart.YAML.readTree(Chart.valuesFile(file).toFile()));
    assertThat(schema().validate(values)).extracting(Error::getMessage).isEmpty();
  }

  @Test
  void everyValueIsDescribed() throws IOException {
    JsonNode values = Chart.YAML.readTree(Chart.chartDir().resolve("values.yaml").toFile());
    List<String> undescribed = new ArrayList<>();
    walk("", values, schemaNode(), undescribed);
    assertThat(undescribed).isEmpty();
  }

  @Test
  void chartOwnedObjectsAcceptNoUnknownKeys() throws IOException {
    List<String> open = new ArrayList<>();
    collectOpenObjects("", schemaNode(), open);
    // Free-form by design: Kubernetes objects and maps the user fills in.
    assertThat(open)
        .allMatch(
            path ->
                path.endsWith(".affinity")
                    || path.endsWith(".resources")
                    || path.equals(".global")
                    || path.endsWith(".requests")
                    || path.endsWith(".limits"),
            "only Kubernetes-owned objects are open");
  }

  @ParameterizedTest
  @ValueSource(strings = {"operator.replicas", "apiServer.replicas"})
  void aNegativeReplicaCountIsRejected(String key) {
    assertThatThrownBy(() -> Chart.render(Map.of(key, -1)))
        .hasMessageContaining("values don't meet the specifications of the schema")
        .hasMessageContaining("at '" + pointer(key) + "'")
        .hasMessageContaining("minimum");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "operator.replicaCount",
        "apiServer.service.nodeport",
        "generator.resources.requests.gpu",
        "postgresql.persistence.sise",
        "networkPolicy.enable",
        "unknownTopLevel"
      })
  void anUnknownKeyInAChartOwnedObjectIsRejected(String key) {
    String parent = key.contains(".") ? key.substring(0, key.lastIndexOf('.')) : "";
    String leaf = key.substring(key.lastIndexOf('.') + 1);
    assertThatThrownBy(() -> Chart.render(Map.of(key, "1")))
        .hasMessageContaining("values don't meet the specifications of the schema")
        .hasMessageContaining("at '" + pointer(parent) + "'")
        .hasMessageContaining("additional properties '" + leaf + "' not allowed");
  }

  @Test
  void wrongTypesAndEnumsAreRejected() {
    assertThatThrownBy(() -> Chart.render(Map.of("apiServer.service.type", "External")))
        .hasMessageContaining("at '/apiServer/service/type'");
    // The node port range is the cluster's (the sandbox allows 6400); a port number it is not.
    assertThatThrownBy(() -> Chart.render(Map.of("apiServer.service.nodePort", 70000)))
        .hasMessageContaining("at '/apiServer/service/nodePort'");
    assertThatThrownBy(() -> Chart.render(Map.of("generator.resources.limits.memory", "lots")))
        .hasMessageContaining("at '/generator/resources/limits/memory'");
  }

  @Test
  void lintAlsoAppliesTheSchema() throws IOException {
    // helm-java's lint reads values.yaml only, so break a copy of it.
    LintResult result = Chart.lintWith("operator: {replicas: -2}");
    assertThat(result.isFailed()).isTrue();
    assertThat(String.join("\n", result.getMessages())).contains("replicas");
  }

  /** The schema error's location of a dotted values key. */
  private static String pointer(String key) {
    return key.isEmpty() ? "" : "/" + key.replace('.', '/');
  }

  /** Every key of values.yaml must be a described property, down to free-form objects. */
  private static void walk(String path, JsonNode value, JsonNode schema, List<String> undescribed) {
    if (!value.isObject()) {
      return;
    }
    JsonNode properties = schema.path("properties");
    value
        .fields()
        .forEachRemaining(
            field -> {
              String child = path + "." + field.getKey();
              JsonNode property = properties.path(field.getKey());
              if (property.isMissingNode()) {
                if (!schema.path("additionalProperties").isObject()
                    && !schema.path("additionalProperties").asBoolean(true)) {
                  undescribed.add(child + " (not in the schema)");
                }
                return;
              }
              if (property.path("description").asText().isBlank()) {
                undescribed.add(child + " (no description)");
              }
              walk(child, field.getValue(), property, undescribed);
            });
  }

  private static void collectOpenObjects(String path, JsonNode schema, List<String> open) {
    if ("object".equals(schema.path("type").asText())
        && schema.has("properties")
        && !schema.path("additionalProperties").isObject()
        && schema.path("additionalProperties").asBoolean(true)) {
      open.add(path);
    }
    if ("object".equals(schema.path("type").asText())
        && !schema.has("properties")
        && !schema.has("additionalProperties")) {
      open.add(path);
    }
    schema
        .path("properties")
        .fields()
        .forEachRemaining(p -> collectOpenObjects(path + "." + p.getKey(), p.getValue(), open));
  }
}

package io.taskoverflow.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code kubectl explain calendarexport} (and calendarfeed) has something to say about every field.
 */
class CrdDescriptionsTest {

  @ParameterizedTest
  @MethodSource("io.taskoverflow.model.CommittedCrdTest#crdFiles")
  void everyFieldOfTheGeneratedSchemaHasADescription(String file) throws IOException {
    JsonNode schema;
    try (InputStream crd = getClass().getResourceAsStream("/META-INF/fabric8/" + file)) {
      schema =
          new ObjectMapper(new YAMLFactory())
              .readTree(crd)
              .at("/spec/versions/0/schema/openAPIV3Schema");
    }
    List<String> undescribed = new ArrayList<>();
    collectUndescribed(schema, "", undescribed);

    assertThat(schema.path("properties").size()).isEqualTo(2);
    assertThat(undescribed).isEmpty();
  }

  private static void collectUndescribed(JsonNode node, String path, List<String> undescribed) {
    for (Map.Entry<String, JsonNode> property : node.path("properties").properties()) {
      String name = path + "." + property.getKey();
      if (!property.getValue().hasNonNull("description")) {
        undescribed.add(name);
      }
      collectUndescribed(property.getValue(), name, undescribed);
      collectUndescribed(property.getValue().path("items"), name + "[]", undescribed);
    }
  }
}

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
import org.junit.jupiter.api.Test;

/** {@code kubectl explain calendarexport} has something to say about every field. */
class CrdDescriptionsTest {

  @Test
  void everyFieldOfTheGeneratedSchemaHasADescription() throws IOException {
    JsonNode schema;
    try (InputStream crd =
        getClass().getResourceAsStream("/META-INF/fabric8/" + CommittedCrdTest.CRD_FILE)) {
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

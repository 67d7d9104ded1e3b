package io.taskoverflow.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The standard app.kubernetes.io labels sit on every object and every pod template. */
class LabelsTest {

  private static final List<String> STANDARD =
      List.of(
          "app.kubernetes.io/name",
          "app.kubernetes.io/instance",
          "app.kubernetes.io/version",
          "app.kubernetes.io/component",
          "app.kubernetes.io/managed-by",
          "app.kubernetes.io/part-of");

  @ForEachValuesSet
  void everyObjectCarriesTheStandardLabels(String valuesSet) {
    Chart.Rendered rendered = Chart.renderSet(valuesSet);
    for (JsonNode object : rendered.objects()) {
      assertStandardLabels(
          object.at("/metadata/labels"),
          object.path("kind").asText() + "/" + object.at("/metadata/name").asText());
    }
  }

  @ForEachValuesSet
  void everyPodTemplateCarriesTheStandardLabels(String valuesSet) {
    Chart.renderSet(valuesSet)
        .podTemplates()
        .forEach((name, template) -> assertStandardLabels(template.at("/metadata/labels"), name));
  }

  @ForEachValuesSet
  void selectorsMatchTheirPodTemplates(String valuesSet) {
    Chart.Rendered rendered = Chart.renderSet(valuesSet);
    for (String kind : List.of("Deployment", "StatefulSet")) {
      for (JsonNode workload : rendered.ofKind(kind)) {
        JsonNode labels = workload.at("/spec/template/metadata/labels");
        workload
            .at("/spec/selector/matchLabels")
            .fields()
            .forEachRemaining(
                selector ->
                    assertThat(labels.path(selector.getKey()).asText())
                        .isEqualTo(selector.getValue().asText()));
        // A version in a selector would make every upgrade fail: selectors are immutable.
        assertThat(workload.at("/spec/selector/matchLabels").has("app.kubernetes.io/version"))
            .isFalse();
      }
    }
    for (JsonNode service : rendered.ofKind("Service")) {
      String component = service.at("/spec/selector/app.kubernetes.io~1component").asText();
      assertThat(rendered.podTemplates().values())
          .as("pods behind " + service.at("/metadata/name").asText())
          .anyMatch(
              template ->
                  component.equals(
                      template.at("/metadata/labels/app.kubernetes.io~1component").asText()));
    }
  }

  private static void assertStandardLabels(JsonNode labels, String where) {
    for (String label : STANDARD) {
      assertThat(labels.path(label).asText()).as(where + " " + label).isNotBlank();
    }
    assertThat(labels.path("app.kubernetes.io/instance").asText()).isEqualTo(Chart.RELEASE);
    assertThat(labels.path("app.kubernetes.io/managed-by").asText()).isEqualTo("Helm");
    assertThat(labels.path("app.kubernetes.io/part-of").asText()).isEqualTo("taskoverflow");
  }
}

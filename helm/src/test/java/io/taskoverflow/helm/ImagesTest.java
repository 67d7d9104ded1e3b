package io.taskoverflow.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The chart runs exactly the images the jib profile builds (names, registry, tag). */
class ImagesTest {

  /** The jib plugin's configuration in the parent pom's images profile. */
  private static final String JIB_CONFIGURATION =
      "/project/profiles/profile[id='images']/build/plugins/plugin[artifactId='jib-maven-plugin']"
          + "/configuration";

  private static final Map<String, String> MODULES =
      Map.of("operator", "operator", "apiServer", "api-server", "generator", "generator-image");

  @Test
  void theChartsImageNamesAreTheModulesImageNames() throws Exception {
    JsonNode values = Chart.YAML.readTree(Chart.chartDir().resolve("values.yaml").toFile());
    for (Map.Entry<String, String> module : MODULES.entrySet()) {
      Document pom = pom(Chart.repoRoot().resolve(module.getValue()).resolve("pom.xml"));
      assertThat(values.at("/" + module.getKey() + "/image/name").asText())
          .as(module.getValue())
          .isEqualTo(xpath(pom, "/project/properties/image.name"));
      assertThat(xpath(pom, "/project/properties/jib.skip"))
          .as(module.getValue())
          .isEqualTo("false");
    }
  }

  @Test
  void theDefaultRegistryAndTagAreWhatJibBuilds() throws Exception {
    Document parent = pom(Chart.repoRoot().resolve("pom.xml"));
    JsonNode values = Chart.YAML.readTree(Chart.chartDir().resolve("values.yaml").toFile());
    JsonNode chart = Chart.YAML.readTree(Chart.chartDir().resolve("Chart.yaml").toFile());
    assertThat(values.at("/image/registry").asText())
        .isEqualTo(xpath(parent, "/project/properties/image.registry"));
    // image.tag defaults to ${project.version}; the chart's images default to its appVersion.
    assertThat(xpath(parent, "/project/properties/image.tag")).isEqualTo("${project.version}");
    assertThat(chart.path("appVersion").asText()).isEqualTo(xpath(parent, "/project/version"));
  }

  @Test
  void theImagesProfileBuildsNonRootContainerAwareImages() throws Exception {
    Document parent = pom(Chart.repoRoot().resolve("pom.xml"));
    assertThat(xpath(parent, JIB_CONFIGURATION + "/to/image"))
        .isEqualTo("${image.registry}/${image.name}:${image.tag}");
    assertThat(xpath(parent, JIB_CONFIGURATION + "/container/user")).isEqualTo("65532:65532");
    assertThat(xpath(parent, JIB_CONFIGURATION + "/container/jvmFlags/jvmFlag[1]"))
        .isEqualTo("-XX:MaxRAMPercentage=75");
    assertThat(xpath(parent, JIB_CONFIGURATION + "/container/environment/JDK_JAVA_OPTIONS"))
        .contains("${jvm.flags}");
    assertThat(xpath(parent, JIB_CONFIGURATION + "/skip")).isEqualTo("${jib.skip}");
    assertThat(xpath(parent, "/project/properties/jib.skip")).isEqualTo("true");
    // The chart's pods run as the image's user.
    Chart.render()
        .podSpecs()
        .forEach(
            (name, pod) -> {
              if (!name.contains("postgresql")) {
                assertThat(pod.at("/securityContext/runAsUser").asInt()).as(name).isEqualTo(65532);
              }
            });
  }

  @Test
  void theImagesProfileBuildsForAmd64AndArm64() throws Exception {
    Document parent = pom(Chart.repoRoot().resolve("pom.xml"));
    String platforms = JIB_CONFIGURATION + "/from/platforms/platform";
    List<String> found = new ArrayList<>();
    for (int i = 1; i <= (int) Double.parseDouble(xpath(parent, "count(" + platforms + ")")); i++) {
      found.add(
          xpath(parent, platforms + "[" + i + "]/os")
              + "/"
              + xpath(parent, platforms + "[" + i + "]/architecture"));
    }
    // Graviton and other arm64 nodes pull the arm64 image of the same tag.
    assertThat(found).containsExactlyInAnyOrder("linux/amd64", "linux/arm64");
    // The default build's sandbox image stays amd64 (its base is amd64 only).
    assertThat(
            xpath(
                parent,
                "count(/project/build/pluginManagement/plugins/plugin[artifactId='jib-maven-plugin']"
                    + "//execution[id='sandbox-image']/configuration/from/platforms)"))
        .isEqualTo("0");
  }

  @Test
  void numericLookingTagsRenderAsTyped() {
    // --set passes 1.0 as a string and 2 as an integer; both must work.
    assertThat(apiServerImage(Chart.render(Map.of("image.tag", "1.0"))))
        .isEqualTo("taskoverflow/taskoverflow-api-server:1.0");
    assertThat(apiServerImage(Chart.render(Map.of("image.tag", 2))))
        .isEqualTo("taskoverflow/taskoverflow-api-server:2");
    // A values file hands every number over as a float: a large one must not print as 2.02e+07.
    assertThat(apiServerImage(Chart.renderWith("image: {tag: 20240101}")))
        .isEqualTo("taskoverflow/taskoverflow-api-server:20240101");
    // Per-image tags too, and the generator's image reaches the operator the same way.
    Chart.Rendered rendered = Chart.renderWith("generator: {image: {tag: 7}}");
    assertThat(rendered.deploymentEnv("taskoverflow-operator", "operator"))
        .containsEntry("GENERATOR_IMAGE", "taskoverflow/taskoverflow-generator:7");
  }

  @Test
  void aTagThatYamlTurnedIntoAFractionIsRefusedNotTruncated() {
    // tag: 1.10 in a values file is the number 1.1: refuse it rather than deploy :1.1.
    assertThatThrownBy(() -> Chart.renderWith("image: {tag: 1.10}"))
        .hasMessageContaining("/image/tag");
  }

  private static String apiServerImage(Chart.Rendered rendered) {
    return Chart.Rendered.container(
            rendered.get("Deployment", "taskoverflow-api-server").at("/spec/template/spec"),
            "api-server")
        .path("image")
        .asText();
  }

  private static Document pom(Path file) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
  }

  private static String xpath(Document document, String expression) throws Exception {
    return XPathFactory.newInstance().newXPath().evaluate(expression, document).trim();
  }
}

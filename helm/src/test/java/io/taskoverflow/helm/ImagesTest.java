package io.taskoverflow.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The chart runs exactly the images the jib profile builds (names, registry, tag). */
class ImagesTest {

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
    String jib =
        "/project/profiles/profile[id='images']/build/plugins/plugin[artifactId='jib-maven-plugin']"
            + "/configuration";
    assertThat(xpath(parent, jib + "/to/image"))
        .isEqualTo("${image.registry}/${image.name}:${image.tag}");
    assertThat(xpath(parent, jib + "/container/user")).isEqualTo("65532:65532");
    assertThat(xpath(parent, jib + "/container/jvmFlags/jvmFlag[1]"))
        .isEqualTo("-XX:MaxRAMPercentage=75");
    assertThat(xpath(parent, jib + "/container/environment/JDK_JAVA_OPTIONS"))
        .contains("${jvm.flags}");
    assertThat(xpath(parent, jib + "/skip")).isEqualTo("${jib.skip}");
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

  private static Document pom(Path file) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
  }

  private static String xpath(Document document, String expression) throws Exception {
    return XPathFactory.newInstance().newXPath().evaluate(expression, document).trim();
  }
}

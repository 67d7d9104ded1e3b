package io.taskoverflow.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * kind-config.yaml, helm/values-kind.yaml and scripts/kind-e2e.sh agree with each other and with
 * the chart. The script itself needs Docker and kind; here it is only checked (bash -n,
 * shellcheck).
 */
class KindSetupTest {

  private static final Path SCRIPT = Chart.repoRoot().resolve("scripts/kind-e2e.sh");

  @Test
  void kindPublishesTheApiServersNodePortOnLocalhost6400() throws IOException {
    JsonNode kind = Chart.YAML.readTree(Chart.repoRoot().resolve("kind-config.yaml").toFile());
    JsonNode mapping = kind.at("/nodes/0/extraPortMappings/0");
    assertThat(mapping.path("hostPort").asInt()).isEqualTo(6400);

    JsonNode service = Chart.render("values-kind.yaml").get("Service", "taskoverflow-api-server");
    assertThat(service.at("/spec/type").asText()).isEqualTo("NodePort");
    assertThat(service.at("/spec/ports/0/nodePort").asInt())
        .isEqualTo(mapping.path("containerPort").asInt());
  }

  @Test
  void kindRunsTheImagesThatWereLoadedIntoIt() {
    Chart.Rendered rendered = Chart.render("values-kind.yaml");
    assertThat(
            rendered
                .get("Deployment", "taskoverflow-api-server")
                .at("/spec/template/spec/containers/0/imagePullPolicy")
                .asText())
        .isEqualTo("Never");
    assertThat(rendered.deploymentEnv("taskoverflow-operator", "operator"))
        .containsEntry("GENERATOR_IMAGE_PULL_POLICY", "Never");
  }

  @Test
  void theScriptDeletesItsClusterWhateverHappens() throws IOException {
    // Strict, executable, bash -n and shellcheck: ShellScriptsTest, for every script.
    assertThat(Files.readString(SCRIPT)).contains("trap cleanup EXIT", "kind delete cluster");
  }

  @Test
  void everyFileTheScriptUsesExists() throws IOException {
    String script = Files.readString(SCRIPT);
    List<String> referenced = new ArrayList<>();
    Matcher files = Pattern.compile("\\$ROOT/([A-Za-z0-9_./-]+)").matcher(script);
    while (files.find()) {
      referenced.add(files.group(1));
    }
    Matcher examples = Pattern.compile("for name in ([a-z -]+); do").matcher(script);
    while (examples.find()) {
      for (String name : examples.group(1).trim().split(" +")) {
        referenced.add("examples/" + name + ".yaml");
      }
    }
    assertThat(referenced).contains("kind-config.yaml", "helm/values-kind.yaml", "crds/");
    assertThat(referenced).anyMatch(path -> path.startsWith("examples/"));
    for (String path : referenced) {
      assertThat(Chart.repoRoot().resolve(path)).as(path).exists();
    }
  }

  @Test
  void theScriptBuildsTheImagesTheChartRuns() throws IOException {
    String script = Files.readString(SCRIPT);
    JsonNode values = Chart.YAML.readTree(Chart.chartDir().resolve("values.yaml").toFile());
    for (String component : List.of("operator", "apiServer", "generator")) {
      assertThat(script).contains(values.at("/" + component + "/image/name").asText());
    }
    assertThat(script).contains("REGISTRY=\"" + values.at("/image/registry").asText() + "\"");
  }
}

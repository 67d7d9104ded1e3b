package io.taskoverflow.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** The chart under test, rendered and linted with helm-java (no helm binary, no cluster). */
final class Chart {

  static final String RELEASE = "taskoverflow";
  static final String NAMESPACE = "taskoverflow";

  static final YAMLMapper YAML = new YAMLMapper();
  static final ObjectMapper JSON = new ObjectMapper();

  private static final Map<String, Rendered> CACHE = new ConcurrentHashMap<>();

  /** Answers the chart's lookups; see {@link FakeKubernetesApi}. */
  static final FakeKubernetesApi API = FakeKubernetesApi.start();

  private Chart() {}

  /** The repository root: the parent of this module's folder. */
  static Path repoRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("helm/taskoverflow"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException(
          "helm/taskoverflow not found above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  static Path chartDir() {
    return repoRoot().resolve("helm/taskoverflow");
  }

  /** A values file beside the chart, e.g. values-kind.yaml. */
  static Path valuesFile(String name) {
    return repoRoot().resolve("helm").resolve(name);
  }

  /** The values sets every policy test renders: the defaults and the two shipped values files. */
  static final List<String> VALUES_SETS =
      List.of("defaults", "values-kind.yaml", "values-external-db.yaml");

  /** {@link #VALUES_SETS}, for {@link ForEachValuesSet}. */
  static Stream<String> valuesSets() {
    return VALUES_SETS.stream();
  }

  /** Renders one of {@link #VALUES_SETS}. */
  static Rendered renderSet(String valuesSet) {
    return valuesSet.equals("defaults") ? render() : render(valuesSet);
  }

  /** Renders with the chart's defaults plus the named values files (helm/…); cached. */
  static Rendered render(String... valuesFiles) {
    return CACHE.computeIfAbsent(
        String.join(",", valuesFiles), key -> render(Map.of(), valuesFiles));
  }

  /** Renders with --set style overrides on top of the named values files. */
  static Rendered render(Map<String, Object> sets, String... valuesFiles) {
    TemplateCommand template =
        new Helm(renderableCopy()).template().withName(RELEASE).withNamespace(NAMESPACE);
    for (String file : valuesFiles) {
      template = template.withValuesFile(valuesFile(file));
    }
    for (Map.Entry<String, Object> set : sets.entrySet()) {
      template = template.set(set.getKey(), set.getValue());
    }
    return Rendered.parse(template.call());
  }

  private static final String HOOK_ANNOTATION = "helm.sh/hook";
  private static final String MASKED_HOOK_ANNOTATION = "test.taskoverflow.io/hook";
  private static Path renderableCopy;

  /** Renders with the named values files and then a values file made of the given YAML. */
  static Rendered renderWith(String valuesYaml, String... valuesFiles) {
    try {
      Path file = Files.createTempFile(Path.of("target").toAbsolutePath(), "values-", ".yaml");
      Files.writeString(file, valuesYaml);
      TemplateCommand template =
          new Helm(renderableCopy()).template().withName(RELEASE).withNamespace(NAMESPACE);
      for (String named : valuesFiles) {
        template = template.withValuesFile(valuesFile(named));
      }
      try {
        return Rendered.parse(template.withValuesFile(file).call());
      } finally {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A copy of the chart under target/ whose hook annotations are renamed: helm-java's template
   * leaves hooks out of its output (unlike {@code helm template}), so they are rendered as plain
   * objects and renamed back when parsed.
   */
  private static synchronized Path renderableCopy() {
    if (renderableCopy == null) {
      try {
        Path copy = Path.of("target", "chart-under-test", "taskoverflow").toAbsolutePath();
        if (Files.exists(copy)) {
          deleteTree(copy);
        }
        copyTree(chartDir(), copy);
        try (Stream<Path> files = Files.walk(copy.resolve("templates"))) {
          for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
            Files.writeString(
                file, Files.readString(file).replace(HOOK_ANNOTATION, MASKED_HOOK_ANNOTATION));
          }
        }
        renderableCopy = copy;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return renderableCopy;
  }

  /**
   * {@code helm lint --strict} on a copy of the chart whose values.yaml is the defaults merged with
   * the given values files: helm-java's lint takes no values files.
   */
  static LintResult lint(String... valuesFiles) {
    return lintWith("{}", valuesFiles);
  }

  /** Like {@link #lint(String...)}, with the given YAML merged last. */
  static LintResult lintWith(String valuesYaml, String... valuesFiles) {
    try {
      Path copy = Files.createTempDirectory("chart-lint").resolve("taskoverflow");
      copyTree(chartDir(), copy);
      ObjectNode values = (ObjectNode) YAML.readTree(chartDir().resolve("values.yaml").toFile());
      for (String file : valuesFiles) {
        merge(values, YAML.readTree(valuesFile(file).toFile()));
      }
      merge(values, YAML.readTree(valuesYaml));
      YAML.writeValue(copy.resolve("values.yaml").toFile(), values);
      try {
        return new Helm(copy).lint().strict().call();
      } finally {
        deleteTree(copy.getParent());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Helm's merge of values files: maps merge key by key, everything else replaces. */
  static void merge(ObjectNode target, JsonNode overlay) {
    overlay
        .fields()
        .forEachRemaining(
            field -> {
              JsonNode existing = target.get(field.getKey());
              if (existing instanceof ObjectNode existingObject && field.getValue().isObject()) {
                merge(existingObject, field.getValue());
              } else {
                target.set(field.getKey(), field.getValue().deepCopy());
              }
            });
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(path);
      }
    }
  }

  /** The objects of one `helm template` run. */
  record Rendered(List<JsonNode> objects) {

    static Rendered parse(String manifest) {
      try {
        List<JsonNode> objects = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(manifest)) {
          for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
            JsonNode node = it.next();
            if (node != null && node.isObject() && node.has("kind")) {
              unmaskHooks(node);
              objects.add(node);
            }
          }
        }
        return new Rendered(List.copyOf(objects));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static void unmaskHooks(JsonNode object) {
      if (object.at("/metadata/annotations") instanceof ObjectNode annotations) {
        List<String> masked = new ArrayList<>();
        annotations.fieldNames().forEachRemaining(masked::add);
        for (String key : masked) {
          if (key.startsWith(MASKED_HOOK_ANNOTATION)) {
            JsonNode value = annotations.remove(key);
            annotations.set(key.replace(MASKED_HOOK_ANNOTATION, HOOK_ANNOTATION), value);
          }
        }
      }
    }

    List<JsonNode> ofKind(String kind) {
      return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    boolean has(String kind, String name) {
      return ofKind(kind).stream().anyMatch(o -> name.equals(o.at("/metadata/name").asText()));
    }

    JsonNode get(String kind, String name) {
      return ofKind(kind).stream()
          .filter(o -> name.equals(o.at("/metadata/name").asText()))
          .findFirst()
          .orElseThrow(
              () -> new AssertionError("no " + kind + " named " + name + " in " + names()));
    }

    List<String> names() {
      return objects.stream().map(Rendered::key).toList();
    }

    /** Pod specs of every workload, keyed by kind/name. */
    Map<String, JsonNode> podSpecs() {
      Map<String, JsonNode> specs = new LinkedHashMap<>();
      for (JsonNode o : objects) {
        if (o.path("kind").asText().equals("Pod")) {
          specs.put(key(o), o.path("spec"));
        } else if (podTemplate(o) != null) {
          specs.put(key(o), podTemplate(o).path("spec"));
        }
      }
      return specs;
    }

    /** Pod templates (metadata + spec) of every workload, keyed by kind/name. */
    Map<String, JsonNode> podTemplates() {
      Map<String, JsonNode> templates = new LinkedHashMap<>();
      for (JsonNode o : objects) {
        if (podTemplate(o) != null) {
          templates.put(key(o), podTemplate(o));
        }
      }
      return templates;
    }

    /** The pod template of a workload that has one; null for anything else. */
    private static JsonNode podTemplate(JsonNode object) {
      return switch (object.path("kind").asText()) {
        case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job" ->
            object.at("/spec/template");
        case "CronJob" -> object.at("/spec/jobTemplate/spec/template");
        default -> null;
      };
    }

    private static String key(JsonNode object) {
      return object.path("kind").asText() + "/" + object.at("/metadata/name").asText();
    }

    /** The env of a container as name → value, or "secret:<name>/<key>" for secretKeyRefs. */
    static Map<String, String> env(JsonNode container) {
      Map<String, String> env = new LinkedHashMap<>();
      for (JsonNode var : container.path("env")) {
        JsonNode secret = var.at("/valueFrom/secretKeyRef");
        JsonNode field = var.at("/valueFrom/fieldRef");
        String value =
            !secret.isMissingNode()
                ? "secret:" + secret.path("name").asText() + "/" + secret.path("key").asText()
                : !field.isMissingNode()
                    ? "field:" + field.path("fieldPath").asText()
                    : var.path("value").asText();
        env.put(var.path("name").asText(), value);
      }
      return env;
    }

    /** The env (as {@link #env}) of a container in a Deployment's pod template. */
    Map<String, String> deploymentEnv(String deployment, String container) {
      return env(container(get("Deployment", deployment).at("/spec/template/spec"), container));
    }

    static JsonNode container(JsonNode podSpec, String name) {
      for (JsonNode c : podSpec.path("containers")) {
        if (name.equals(c.path("name").asText())) {
          return c;
        }
      }
      throw new AssertionError("no container " + name + " in " + podSpec);
    }
  }
}

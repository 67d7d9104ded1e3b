package io.taskoverflow.operator.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.taskoverflow.config.EnvReader;
import io.taskoverflow.config.InvalidConfigurationException;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.spec.CalendarComponent;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chart's generator scheduling values and database CA bundle reach every generator pod. */
class GeneratorPodSettingsTest {

  /** Operator environment as the chart renders it for these values (see helm's tests). */
  private static final Map<String, String> CHART_ENV =
      Map.of(
          "GENERATOR_NODE_SELECTOR", "{\"kubernetes.io/arch\":\"arm64\"}",
          "GENERATOR_TOLERATIONS",
              "[{\"effect\":\"NoSchedule\",\"key\":\"dedicated\",\"operator\":\"Equal\","
                  + "\"value\":\"batch\"}]",
          "GENERATOR_AFFINITY",
              "{\"nodeAffinity\":{\"requiredDuringSchedulingIgnoredDuringExecution\":"
                  + "{\"nodeSelectorTerms\":[{\"matchExpressions\":[{\"key\":"
                  + "\"karpenter.sh/capacity-type\",\"operator\":\"In\",\"values\":[\"spot\"]}]}]}}}",
          "GENERATOR_DB_CA_CONFIGMAP", "rds-ca",
          "GENERATOR_DB_CA_MOUNT_PATH", "/etc/taskoverflow/db-ca");

  private static GeneratorPodSettings read(Map<String, String> env) {
    EnvReader reader = new EnvReader("operator", env);
    GeneratorPodSettings settings = GeneratorPodSettings.fromEnv(reader);
    reader.failOnProblems();
    return settings;
  }

  private static PodSpec generatorPod(GeneratorPodSettings pod) {
    CalendarExport export =
        GeneratorJobFactoryTest.export(
            "weekly",
            spec -> {
              spec.setCalendarName("Weekly");
              spec.setComponent(CalendarComponent.VEVENT);
            });
    return new GeneratorJobFactory(
            GeneratorJobFactoryTest.settings("taskoverflow-generator", pod),
            GeneratorJobFactoryTest.LIMITS)
        .jobFor(export)
        .getSpec()
        .getTemplate()
        .getSpec();
  }

  @Test
  void theChartsSchedulingValuesReachThePodSpec() {
    PodSpec pod = generatorPod(read(CHART_ENV));

    assertThat(pod.getNodeSelector())
        .containsExactlyEntriesOf(Map.of("kubernetes.io/arch", "arm64"));
    assertThat(pod.getTolerations())
        .singleElement()
        .satisfies(
            toleration -> {
              assertThat(toleration.getKey()).isEqualTo("dedicated");
              assertThat(toleration.getOperator()).isEqualTo("Equal");
              assertThat(toleration.getValue()).isEqualTo("batch");
              assertThat(toleration.getEffect()).isEqualTo("NoSchedule");
            });
    assertThat(
            pod.getAffinity()
                .getNodeAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms()
                .get(0)
                .getMatchExpressions()
                .get(0)
                .getValues())
        .containsExactly("spot");
  }

  @Test
  void theCaBundleIsMountedReadOnlyIntoTheGeneratorContainer() {
    PodSpec pod = generatorPod(read(CHART_ENV));
    Container container = pod.getContainers().get(0);

    assertThat(pod.getVolumes())
        .filteredOn(volume -> volume.getName().equals(GeneratorPodSettings.CA_BUNDLE_VOLUME))
        .singleElement()
        .satisfies(
            volume -> {
              assertThat(volume.getConfigMap().getName()).isEqualTo("rds-ca");
              assertThat(volume.getConfigMap().getOptional()).isFalse();
              assertThat(volume.getSecret()).isNull();
            });
    assertThat(container.getVolumeMounts())
        .filteredOn(mount -> mount.getName().equals(GeneratorPodSettings.CA_BUNDLE_VOLUME))
        .singleElement()
        .satisfies(
            mount -> {
              assertThat(mount.getMountPath()).isEqualTo("/etc/taskoverflow/db-ca");
              assertThat(mount.getReadOnly()).isTrue();
            });
    // The scratch volume stays.
    assertThat(pod.getVolumes()).extracting(Volume::getName).contains("tmp");
  }

  @Test
  void aCaBundleMayComeFromASecret() {
    Map<String, String> env = new HashMap<>();
    env.put("GENERATOR_DB_CA_SECRET", "rds-ca");
    PodSpec pod = generatorPod(read(env));

    Volume volume =
        pod.getVolumes().stream()
            .filter(v -> v.getName().equals(GeneratorPodSettings.CA_BUNDLE_VOLUME))
            .findFirst()
            .orElseThrow();
    assertThat(volume.getSecret().getSecretName()).isEqualTo("rds-ca");
    assertThat(volume.getConfigMap()).isNull();
    // The default mount path, which the chart's default matches.
    assertThat(pod.getContainers().get(0).getVolumeMounts())
        .anySatisfy(mount -> assertThat(mount.getMountPath()).isEqualTo("/etc/taskoverflow/db-ca"));
  }

  @Test
  void withoutTheVariablesThePodKeepsKubernetesDefaults() {
    PodSpec pod = generatorPod(read(Map.of()));

    assertThat(pod.getNodeSelector()).isNullOrEmpty();
    assertThat(pod.getTolerations()).isNullOrEmpty();
    assertThat(pod.getAffinity()).isNull();
    assertThat(pod.getVolumes()).extracting(Volume::getName).containsExactly("tmp");
    assertThat(pod.getContainers().get(0).getVolumeMounts())
        .extracting(mount -> mount.getName())
        .containsExactly("tmp");
  }

  @Test
  void malformedValuesAreAllReportedAtStartUp() {
    Map<String, String> env =
        Map.of(
            "GENERATOR_NODE_SELECTOR", "kubernetes.io/arch=arm64",
            "GENERATOR_TOLERATIONS", "{\"key\":\"dedicated\"}",
            "GENERATOR_DB_CA_CONFIGMAP", "rds-ca",
            "GENERATOR_DB_CA_SECRET", "rds-ca");

    assertThatThrownBy(() -> read(env))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("GENERATOR_NODE_SELECTOR must be JSON")
        .hasMessageContaining("GENERATOR_TOLERATIONS must be JSON")
        .hasMessageContaining("GENERATOR_DB_CA_CONFIGMAP or GENERATOR_DB_CA_SECRET, not both");
  }
}

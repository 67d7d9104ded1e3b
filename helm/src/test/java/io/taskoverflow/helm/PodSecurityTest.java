package io.taskoverflow.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Every pod the chart renders passes the Pod Security Standards "restricted" profile. */
class PodSecurityTest {

  /** Volume types the restricted profile allows. */
  private static final Set<String> RESTRICTED_VOLUME_TYPES =
      Set.of(
          "configMap",
          "csi",
          "downwardAPI",
          "emptyDir",
          "ephemeral",
          "persistentVolumeClaim",
          "projected",
          "secret");

  @ForEachValuesSet
  void everyPodIsRestrictedCompliant(String valuesSet) {
    Map<String, JsonNode> pods = Chart.renderSet(valuesSet).podSpecs();
    assertThat(pods).isNotEmpty();
    pods.forEach(
        (name, pod) -> {
          assertThat(pod.path("hostNetwork").asBoolean(false)).as(name + " hostNetwork").isFalse();
          assertThat(pod.path("hostPID").asBoolean(false)).as(name + " hostPID").isFalse();
          assertThat(pod.path("hostIPC").asBoolean(false)).as(name + " hostIPC").isFalse();
          for (JsonNode volume : pod.path("volumes")) {
            List<String> types = new ArrayList<>();
            volume.fieldNames().forEachRemaining(types::add);
            types.remove("name");
            assertThat(types).as(name + " volume " + volume).isSubsetOf(RESTRICTED_VOLUME_TYPES);
          }
          JsonNode podContext = pod.path("securityContext");
          assertThat(podContext.path("runAsUser").asInt(-1)).as(name + " runAsUser").isNotZero();
          for (JsonNode container : containers(pod)) {
            String where = name + " container " + container.path("name").asText();
            JsonNode context = container.path("securityContext");
            assertThat(
                    context.path("runAsNonRoot").asBoolean(false)
                        || podContext.path("runAsNonRoot").asBoolean(false))
                .as(where + " runAsNonRoot")
                .isTrue();
            assertThat(context.path("runAsUser").asInt(-1)).as(where + " runAsUser").isNotZero();
            String seccomp =
                context
                    .at("/seccompProfile/type")
                    .asText(podContext.at("/seccompProfile/type").asText());
            assertThat(seccomp).as(where + " seccomp").isIn("RuntimeDefault", "Localhost");
            assertThat(context.path("allowPrivilegeEscalation").isBoolean())
                .as(where + " allowPrivilegeEscalation set")
                .isTrue();
            assertThat(context.path("allowPrivilegeEscalation").asBoolean())
                .as(where + " allowPrivilegeEscalation")
                .isFalse();
            assertThat(context.path("privileged").asBoolean(false))
                .as(where + " privileged")
                .isFalse();
            assertThat(texts(context.at("/capabilities/drop"))).as(where + " drop").contains("ALL");
            assertThat(texts(context.at("/capabilities/add"))).as(where + " add").isEmpty();
            assertThat(context.path("readOnlyRootFilesystem").asBoolean(false))
                .as(where + " readOnlyRootFilesystem")
                .isTrue();
            assertThat(container.path("ports").findValues("hostPort"))
                .as(where + " hostPort")
                .isEmpty();
          }
        });
  }

  @ForEachValuesSet
  void everyContainerHasResourcesAndAWritableTmp(String valuesSet) {
    Chart.renderSet(valuesSet)
        .podSpecs()
        .forEach(
            (name, pod) -> {
              for (JsonNode container : containers(pod)) {
                String where = name + " container " + container.path("name").asText();
                for (String resource :
                    List.of("requests/cpu", "requests/memory", "limits/memory")) {
                  assertThat(container.at("/resources/" + resource).isMissingNode())
                      .as(where + " resources " + resource)
                      .isFalse();
                }
                assertThat(container.path("volumeMounts").findValuesAsText("mountPath"))
                    .as(where + " /tmp on the read-only root filesystem")
                    .contains("/tmp");
              }
            });
  }

  @ForEachValuesSet
  void longRunningContainersHaveProbes(String valuesSet) {
    Chart.Rendered rendered = Chart.renderSet(valuesSet);
    for (String kind : List.of("Deployment", "StatefulSet")) {
      for (JsonNode workload : rendered.ofKind(kind)) {
        for (JsonNode container : workload.at("/spec/template/spec/containers")) {
          String where = kind + "/" + workload.at("/metadata/name").asText();
          assertThat(container.has("livenessProbe")).as(where + " liveness").isTrue();
          assertThat(container.has("readinessProbe")).as(where + " readiness").isTrue();
        }
      }
    }
  }

  @ForEachValuesSet
  void onlyTheOperatorAndTheApiServerMountAServiceAccountToken(String valuesSet) {
    Chart.Rendered rendered = Chart.renderSet(valuesSet);
    List<String> withToken = new ArrayList<>();
    rendered
        .podSpecs()
        .forEach(
            (name, pod) -> {
              if (pod.path("automountServiceAccountToken").asBoolean(true)) {
                withToken.add(name);
              }
            });
    assertThat(withToken)
        .containsExactlyInAnyOrder(
            "Deployment/taskoverflow-operator", "Deployment/taskoverflow-api-server");
    // The chart's ServiceAccounts hand out no token by default; the two pods ask explicitly.
    for (JsonNode account : rendered.ofKind("ServiceAccount")) {
      assertThat(account.path("automountServiceAccountToken").asBoolean(true))
          .as(account.at("/metadata/name").asText())
          .isFalse();
    }
  }

  static List<JsonNode> containers(JsonNode pod) {
    List<JsonNode> all = new ArrayList<>();
    pod.path("initContainers").forEach(all::add);
    pod.path("containers").forEach(all::add);
    pod.path("ephemeralContainers").forEach(all::add);
    return all;
  }

  static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts;
  }
}

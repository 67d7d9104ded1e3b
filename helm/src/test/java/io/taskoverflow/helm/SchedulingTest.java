package io.taskoverflow.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Where the pods run: generator pods' nodeSelector, tolerations and affinity (through the
 * operator), topology spread and PodDisruptionBudgets of the api-server and the operator.
 */
class SchedulingTest {

  private static Map<String, String> operatorEnv(Chart.Rendered rendered) {
    return rendered.deploymentEnv("taskoverflow-operator", "operator");
  }

  @Test
  void generatorSchedulingValuesReachTheOperatorAsJson() throws IOException {
    Chart.Rendered rendered =
        Chart.renderWith(
            """
            generator:
              nodeSelector:
                kubernetes.io/arch: arm64
              tolerations:
                - {key: dedicated, operator: Equal, value: batch, effect: NoSchedule}
              affinity:
                nodeAffinity:
                  requiredDuringSchedulingIgnoredDuringExecution:
                    nodeSelectorTerms:
                      - matchExpressions:
                          - {key: karpenter.sh/capacity-type, operator: In, values: [spot]}
            """);
    Map<String, String> env = operatorEnv(rendered);

    assertThat(Chart.JSON.readTree(env.get("GENERATOR_NODE_SELECTOR")))
        .isEqualTo(Chart.JSON.readTree("{\"kubernetes.io/arch\":\"arm64\"}"));
    assertThat(Chart.JSON.readTree(env.get("GENERATOR_TOLERATIONS")))
        .isEqualTo(
            Chart.JSON.readTree(
                "[{\"key\":\"dedicated\",\"operator\":\"Equal\",\"value\":\"batch\","
                    + "\"effect\":\"NoSchedule\"}]"));
    assertThat(
            Chart.JSON
                .readTree(env.get("GENERATOR_AFFINITY"))
                .at(
                    "/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution"
                        + "/nodeSelectorTerms/0/matchExpressions/0/values/0")
                .asText())
        .isEqualTo("spot");
    // The operator's own pod is not pinned by the generator's values.
    JsonNode operatorPod =
        rendered.get("Deployment", "taskoverflow-operator").at("/spec/template/spec");
    assertThat(operatorPod.has("nodeSelector")).isFalse();
    assertThat(operatorPod.has("tolerations")).isFalse();
  }

  @Test
  void withoutSchedulingValuesTheOperatorGetsNoSchedulingVariables() {
    for (String valuesSet : Chart.VALUES_SETS) {
      assertThat(operatorEnv(Chart.renderSet(valuesSet)))
          .as(valuesSet)
          .doesNotContainKeys(
              "GENERATOR_NODE_SELECTOR", "GENERATOR_TOLERATIONS", "GENERATOR_AFFINITY");
    }
  }

  @Test
  void aGeneratorNodeSelectorMustMapToStrings() {
    assertThatThrownBy(
            () -> Chart.renderWith("generator: {nodeSelector: {kubernetes.io/arch: [arm64]}}"))
        .hasMessageContaining("/generator/nodeSelector");
  }

  @Test
  void topologySpreadConstraintsSelectTheComponentsOwnPodsUnlessTheySayOtherwise() {
    Chart.Rendered rendered =
        Chart.renderWith(
            """
            apiServer:
              topologySpreadConstraints:
                - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway}
            operator:
              topologySpreadConstraints:
                - maxSkew: 1
                  topologyKey: kubernetes.io/hostname
                  whenUnsatisfiable: DoNotSchedule
                  labelSelector: {matchLabels: {team: calendars}}
            """);
    JsonNode api =
        rendered
            .get("Deployment", "taskoverflow-api-server")
            .at("/spec/template/spec/topologySpreadConstraints");
    assertThat(api).hasSize(1);
    assertThat(api.at("/0/topologyKey").asText()).isEqualTo("topology.kubernetes.io/zone");
    assertThat(api.at("/0/whenUnsatisfiable").asText()).isEqualTo("ScheduleAnyway");
    // The constraint counts exactly the pods the Deployment selects.
    assertThat(api.at("/0/labelSelector/matchLabels"))
        .isEqualTo(
            rendered.get("Deployment", "taskoverflow-api-server").at("/spec/selector/matchLabels"));

    JsonNode operator =
        rendered
            .get("Deployment", "taskoverflow-operator")
            .at("/spec/template/spec/topologySpreadConstraints");
    assertThat(operator.at("/0/labelSelector/matchLabels").toString())
        .isEqualTo("{\"team\":\"calendars\"}");
  }

  @Test
  void noTopologySpreadByDefault() {
    Chart.render()
        .podSpecs()
        .forEach(
            (name, pod) -> assertThat(pod.has("topologySpreadConstraints")).as(name).isFalse());
  }

  @Test
  void podDisruptionBudgetsAreOptInAndSelectTheirComponent() {
    assertThat(Chart.render().ofKind("PodDisruptionBudget")).isEmpty();

    Chart.Rendered rendered =
        Chart.render(
            Map.of(
                "apiServer.podDisruptionBudget.enabled",
                true,
                "apiServer.replicas",
                3,
                "apiServer.podDisruptionBudget.minAvailable",
                2,
                "operator.podDisruptionBudget.enabled",
                true));
    JsonNode api = rendered.get("PodDisruptionBudget", "taskoverflow-api-server");
    assertThat(api.at("/apiVersion").asText()).isEqualTo("policy/v1");
    assertThat(api.at("/spec/minAvailable").asInt()).isEqualTo(2);
    assertThat(api.at("/spec").has("maxUnavailable")).isFalse();
    assertThat(api.at("/spec/selector/matchLabels"))
        .isEqualTo(
            rendered.get("Deployment", "taskoverflow-api-server").at("/spec/selector/matchLabels"));

    JsonNode operator = rendered.get("PodDisruptionBudget", "taskoverflow-operator");
    assertThat(operator.at("/spec/maxUnavailable").asInt()).isEqualTo(1);
    assertThat(operator.at("/spec").has("minAvailable")).isFalse();
    assertThat(operator.at("/spec/selector/matchLabels"))
        .isEqualTo(
            rendered.get("Deployment", "taskoverflow-operator").at("/spec/selector/matchLabels"));
  }

  @Test
  void aPodDisruptionBudgetTakesAPercentage() {
    JsonNode pdb =
        Chart.render(
                Map.of(
                    "apiServer.podDisruptionBudget.enabled",
                    true,
                    "apiServer.podDisruptionBudget.maxUnavailable",
                    "50%"))
            .get("PodDisruptionBudget", "taskoverflow-api-server");
    assertThat(pdb.at("/spec/maxUnavailable").asText()).isEqualTo("50%");
  }

  @Test
  void aPodDisruptionBudgetWithBothBoundsIsRefused() {
    assertThatThrownBy(
            () ->
                Chart.render(
                    Map.of(
                        "operator.podDisruptionBudget.enabled",
                        true,
                        "operator.podDisruptionBudget.minAvailable",
                        1,
                        "operator.podDisruptionBudget.maxUnavailable",
                        1)))
        .hasMessageContaining("operator.podDisruptionBudget: set minAvailable or maxUnavailable");
    assertThatThrownBy(
            () -> Chart.render(Map.of("apiServer.podDisruptionBudget.maxUnavailable", "half")))
        .hasMessageContaining("/apiServer/podDisruptionBudget/maxUnavailable");
  }

  @Test
  void theEksValuesSpreadAndProtectBothReplicatedComponents() {
    Chart.Rendered rendered = Chart.render("values-external-db.yaml");
    for (String name : new String[] {"taskoverflow-api-server", "taskoverflow-operator"}) {
      JsonNode deployment = rendered.get("Deployment", name);
      assertThat(deployment.at("/spec/replicas").asInt()).as(name).isEqualTo(2);
      assertThat(
              deployment.at("/spec/template/spec/topologySpreadConstraints/0/topologyKey").asText())
          .as(name)
          .isEqualTo("topology.kubernetes.io/zone");
      assertThat(rendered.get("PodDisruptionBudget", name).at("/spec/maxUnavailable").asInt())
          .as(name)
          .isEqualTo(1);
    }
  }
}

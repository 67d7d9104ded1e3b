package io.taskoverflow.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.LintResult;

/** {@code helm lint --strict} and {@code helm template} succeed for every shipped values set. */
class ChartLintTest {

  @ForEachValuesSet
  void lintsStrictlyWithoutWarnings(String valuesSet) {
    LintResult result = valuesSet.equals("defaults") ? Chart.lint() : Chart.lint(valuesSet);
    assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
    assertThat(result.getMessages())
        .noneMatch(message -> message.contains("[WARNING]") || message.contains("[ERROR]"));
  }

  @ForEachValuesSet
  void rendersTheWholeSystem(String valuesSet) {
    Chart.Rendered rendered = Chart.renderSet(valuesSet);
    assertThat(rendered.names())
        .contains(
            "Deployment/taskoverflow-operator",
            "Deployment/taskoverflow-api-server",
            "Service/taskoverflow-api-server",
            "Job/taskoverflow-db-migrate",
            "NetworkPolicy/taskoverflow-generator");
    // Everything lands in the release namespace.
    assertThat(rendered.objects())
        .allSatisfy(
            o -> assertThat(o.at("/metadata/namespace").asText()).isEqualTo(Chart.NAMESPACE));
  }
}

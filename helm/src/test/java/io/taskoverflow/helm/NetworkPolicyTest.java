package io.taskoverflow.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Generator pods reach PostgreSQL and DNS and nothing else. */
class NetworkPolicyTest {

  @Test
  void generatorPodsReachOnlyTheInClusterPostgresqlAndDns() {
    JsonNode policy = Chart.render().get("NetworkPolicy", "taskoverflow-generator");
    assertSelectsGeneratorPodsAndDeniesIngress(policy);
    JsonNode egress = policy.at("/spec/egress");
    assertThat(egress).hasSize(2);
    assertThat(
            egress.get(0).at("/to/0/podSelector/matchLabels/app.kubernetes.io~1component").asText())
        .isEqualTo("postgresql");
    assertThat(egress.get(0).path("to")).hasSize(1);
    assertThat(egress.get(0).path("ports").findValuesAsText("port")).containsExactly("5432");
    assertDns(egress.get(1));
  }

  @Test
  void withAnExternalDatabaseGeneratorPodsReachOnlyItsSubnetsAndDns() {
    // As docs/eks.md installs it: the DB subnet group's CIDRs (here two of eksctl's default VPC).
    JsonNode policy =
        Chart.renderWith(
                "networkPolicy: {externalDatabase: {cidrs: [192.168.96.0/19, 192.168.128.0/19]}}",
                "values-external-db.yaml")
            .get("NetworkPolicy", "taskoverflow-generator");
    assertSelectsGeneratorPodsAndDeniesIngress(policy);
    JsonNode egress = policy.at("/spec/egress");
    assertThat(egress).hasSize(2);
    assertThat(egress.get(0).path("to").findValuesAsText("cidr"))
        .containsExactly("192.168.96.0/19", "192.168.128.0/19");
    assertThat(egress.get(0).path("ports").findValuesAsText("port")).containsExactly("5432");
    assertDns(egress.get(1));
  }

  @Test
  void withoutDatabaseSubnetsOnlyThePostgresqlPortIsOpen() {
    // The shipped EKS values name no CIDR: a VPC's addresses differ from one cluster to the next.
    JsonNode policy =
        Chart.render("values-external-db.yaml").get("NetworkPolicy", "taskoverflow-generator");
    JsonNode database = policy.at("/spec/egress/0");
    assertThat(database.has("to")).isFalse();
    assertThat(database.path("ports").findValuesAsText("port")).containsExactly("5432");
  }

  @Test
  void theEksStepsPlaceholderCidrIsRefusedUntilReplaced() {
    assertThatThrownBy(
            () ->
                Chart.renderWith(
                    "networkPolicy: {externalDatabase: {cidrs: ['<rds-subnet-cidr-1>']}}",
                    "values-external-db.yaml"))
        .hasMessageContaining("/networkPolicy/externalDatabase/cidrs/0")
        .hasMessageContaining("does not match pattern");
  }

  @Test
  void theInClusterPostgresqlAcceptsOnlyTaskOverflowPods() {
    JsonNode policy = Chart.render().get("NetworkPolicy", "taskoverflow-postgresql");
    assertThat(PodSecurityTest.texts(policy.at("/spec/policyTypes"))).containsExactly("Ingress");
    JsonNode from = policy.at("/spec/ingress/0/from");
    assertThat(from.toString())
        .contains("api-server", "operator", "database-migration", "calendar-generator");
    assertThat(policy.at("/spec/ingress/0/ports").findValuesAsText("port")).containsExactly("5432");
  }

  @Test
  void policiesCanBeSwitchedOff() {
    assertThat(Chart.render(Map.of("networkPolicy.enabled", false)).ofKind("NetworkPolicy"))
        .isEmpty();
  }

  private static void assertSelectsGeneratorPodsAndDeniesIngress(JsonNode policy) {
    // The labels the operator puts on generator pods (docs/architecture.md).
    assertThat(policy.at("/spec/podSelector/matchLabels/app.kubernetes.io~1component").asText())
        .isEqualTo("calendar-generator");
    assertThat(policy.at("/spec/podSelector/matchLabels/app.kubernetes.io~1part-of").asText())
        .isEqualTo("taskoverflow");
    assertThat(PodSecurityTest.texts(policy.at("/spec/policyTypes")))
        .containsExactlyInAnyOrder("Ingress", "Egress");
    assertThat(policy.at("/spec/ingress")).isEmpty();
  }

  private static void assertDns(JsonNode rule) {
    assertThat(rule.at("/to/0/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText())
        .isEqualTo("kube-system");
    assertThat(rule.at("/to/0/podSelector/matchLabels/k8s-app").asText()).isEqualTo("kube-dns");
    assertThat(rule.path("ports").findValuesAsText("port")).containsExactly("53", "53");
    assertThat(rule.path("ports").findValuesAsText("protocol"))
        .containsExactlyInAnyOrder("UDP", "TCP");
  }
}

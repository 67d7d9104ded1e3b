package io.taskoverflow.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The api-server Deployment: its limits, forwarded headers, probes and opt-in authentication. */
class ApiServerConfigTest {

  private static final String SECRET = "taskoverflow-api-tokens";

  private static JsonNode podSpec(Chart.Rendered rendered) {
    return rendered.get("Deployment", "taskoverflow-api-server").at("/spec/template/spec");
  }

  private static JsonNode container(Chart.Rendered rendered) {
    return Chart.Rendered.container(podSpec(rendered), "api-server");
  }

  private static Map<String, String> env(Chart.Rendered rendered) {
    return Chart.Rendered.env(container(rendered));
  }

  @Test
  void defaultsMatchTheApiServersOwnDefaults() {
    assertThat(env(Chart.render()))
        .containsEntry("MAX_EXPORTS_IN_FLIGHT", "1000")
        .containsEntry("DB_CONNECTION_TIMEOUT_MS", "1000")
        .containsEntry("TRUST_FORWARDED_HEADERS", "false")
        .doesNotContainKeys("API_TOKENS", "API_TOKENS_FILE");
  }

  @Test
  void theLimitsReachTheApiServer() {
    assertThat(
            env(
                Chart.render(
                    Map.of(
                        "apiServer.maxExportsInFlight", 7,
                        "apiServer.dbConnectionTimeoutMillis", 500))))
        .containsEntry("MAX_EXPORTS_IN_FLIGHT", "7")
        .containsEntry("DB_CONNECTION_TIMEOUT_MS", "500");
  }

  @Test
  void forwardedHeadersAreTrustedExactlyWhenTheChartsIngressIsInFront() {
    assertThat(env(Chart.render(Map.of("apiServer.ingress.enabled", true))))
        .containsEntry("TRUST_FORWARDED_HEADERS", "true");
    assertThat(
            env(
                Chart.render(
                    Map.of(
                        "apiServer.ingress.enabled", true,
                        "apiServer.trustForwardedHeaders", false))))
        .containsEntry("TRUST_FORWARDED_HEADERS", "false");
    assertThat(env(Chart.render(Map.of("apiServer.trustForwardedHeaders", true))))
        .containsEntry("TRUST_FORWARDED_HEADERS", "true");
    assertThat(env(Chart.render("values-external-db.yaml")))
        .containsEntry("TRUST_FORWARDED_HEADERS", "true");
  }

  private static List<String> allowedHosts(Chart.Rendered rendered) {
    return List.of(env(rendered).get("ALLOWED_HOSTS").split(","));
  }

  // Against DNS rebinding: loopback (kind, the sandbox, port-forwards), the Service's DNS names.
  private static final List<String> ALWAYS =
      List.of(
          "localhost",
          "127.0.0.1",
          "[::1]",
          "taskoverflow-api-server",
          "taskoverflow-api-server.taskoverflow",
          "taskoverflow-api-server.taskoverflow.svc",
          "taskoverflow-api-server.taskoverflow.svc.cluster.local");

  @Test
  void allowedHostsAreLoopbackAndTheServicesNamesByDefault() {
    assertThat(allowedHosts(Chart.render())).containsExactlyElementsOf(ALWAYS);
    assertThat(allowedHosts(Chart.render("values-kind.yaml"))).containsExactlyElementsOf(ALWAYS);
    // The EKS walkthrough's ALB answers every host under its generated name.
    assertThat(allowedHosts(Chart.render("values-external-db.yaml")))
        .containsAll(ALWAYS)
        .contains("*.elb.amazonaws.com");
  }

  @Test
  void allowedHostsAddTheIngressHostsAndTheValue() {
    Chart.Rendered rendered =
        Chart.renderWith(
            """
            apiServer:
              ingress:
                enabled: true
                className: nginx
                host: todo.example.com
                tls:
                  - secretName: tls
                    hosts: [todo.example.com, calendar.example.com]
              allowedHosts: [node-1.example.net, "*.lan.example", todo.example.com]
            """);
    assertThat(allowedHosts(rendered))
        .containsExactlyElementsOf(
            concat(
                ALWAYS,
                List.of(
                    "todo.example.com",
                    "calendar.example.com",
                    "node-1.example.net",
                    "*.lan.example")));
    // No ingress: its host does not count; the ALB rule is only for an alb Ingress without a host.
    assertThat(allowedHosts(Chart.render(Map.of("apiServer.ingress.host", "todo.example.com"))))
        .containsExactlyElementsOf(ALWAYS);
    assertThat(
            allowedHosts(
                Chart.render(
                    Map.of(
                        "apiServer.ingress.enabled",
                        true,
                        "apiServer.ingress.className",
                        "nginx"))))
        .containsExactlyElementsOf(ALWAYS);
  }

  @Test
  void theSchemaRefusesAnAllowedHostWithAPortOrAPath() {
    for (String bad : List.of("localhost:6400", "evil.example/x", "http://todo.example.com")) {
      assertThatThrownBy(() -> Chart.renderWith("apiServer:\n  allowedHosts: [\"" + bad + "\"]\n"))
          .as(bad)
          .hasMessageContaining("allowedHosts");
    }
  }

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> all = new java.util.ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  @Test
  void readinessFollowsTheDatabaseWhileLivenessStaysHealth() {
    JsonNode container = container(Chart.render());
    assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/api/v1/ready");
    assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/api/v1/health");
    assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/api/v1/health");
  }

  @Test
  void authenticationMountsTheTokensFromTheExistingSecretAsAFile() {
    Chart.Rendered rendered =
        Chart.render(
            Map.of("apiServer.auth.enabled", true, "apiServer.auth.existingSecret", SECRET));

    assertThat(env(rendered))
        .containsEntry("API_TOKENS_FILE", "/etc/taskoverflow/api-tokens/tokens")
        .doesNotContainKey("API_TOKENS");
    JsonNode volume = volume(podSpec(rendered), "api-tokens");
    assertThat(volume.at("/secret/secretName").asText()).isEqualTo(SECRET);
    assertThat(volume.at("/secret/items/0/key").asText()).isEqualTo("tokens");
    JsonNode mount = mount(container(rendered), "api-tokens");
    assertThat(mount.path("mountPath").asText()).isEqualTo("/etc/taskoverflow/api-tokens");
    assertThat(mount.path("readOnly").asBoolean()).isTrue();
  }

  @Test
  void anotherSecretKeyNamesTheFile() {
    Chart.Rendered rendered =
        Chart.render(
            Map.of(
                "apiServer.auth.enabled",
                true,
                "apiServer.auth.existingSecret",
                SECRET,
                "apiServer.auth.secretKey",
                "api-tokens.txt"));

    assertThat(env(rendered))
        .containsEntry("API_TOKENS_FILE", "/etc/taskoverflow/api-tokens/api-tokens.txt");
    assertThat(volume(podSpec(rendered), "api-tokens").at("/secret/items/0/path").asText())
        .isEqualTo("api-tokens.txt");
  }

  @Test
  void authenticationWithoutASecretIsRefused() {
    assertThatThrownBy(() -> Chart.render(Map.of("apiServer.auth.enabled", true)))
        .hasMessageContaining("existingSecret");
  }

  @Test
  void withoutAuthenticationNoTokenVolumeIsMounted() {
    assertThat(podSpec(Chart.render()).path("volumes").findValuesAsText("name"))
        .doesNotContain("api-tokens");
  }

  @Test
  void theNotesWarnWhenTheApiIsExposedWithoutAuthentication() {
    assertThat(notes(Map.of("apiServer.ingress.enabled", true)))
        .contains("WARNING: the API is exposed through an Ingress without authentication");
    assertThat(notes(Map.of("apiServer.service.type", "LoadBalancer")))
        .contains("WARNING: the API is exposed through a LoadBalancer without authentication");
    assertThat(notes(Map.of())).doesNotContain("WARNING");
  }

  @Test
  void behindANodePortTheNotesSayANodesAddressMustBeAnAllowedHost() {
    assertThat(
            notes(
                Map.of("apiServer.service.type", "NodePort", "apiServer.service.nodePort", 30640)))
        .contains("http://<node address>:30640", "apiServer.allowedHosts");
    assertThat(notes(Map.of())).doesNotContain("allowedHosts");
  }

  @Test
  void withAuthenticationTheNotesSayHowToSendTheTokenAndDoNotWarn() {
    String notes =
        notes(
            Map.of(
                "apiServer.ingress.enabled", true,
                "apiServer.auth.enabled", true,
                "apiServer.auth.existingSecret", SECRET));
    assertThat(notes)
        .contains("Authorization: Bearer $TOKEN", "Secret " + SECRET)
        .doesNotContain("WARNING");
  }

  /** NOTES.txt as `helm install --dry-run` prints it (template leaves it out). */
  private static String notes(Map<String, Object> sets) {
    InstallCommand install =
        new Helm(Chart.chartDir())
            .install()
            .withName(Chart.RELEASE)
            .withNamespace(Chart.NAMESPACE)
            .dryRun()
            .clientOnly();
    for (Map.Entry<String, Object> set : sets.entrySet()) {
      install = install.set(set.getKey(), set.getValue());
    }
    return install.call().getOutput();
  }

  private static JsonNode volume(JsonNode podSpec, String name) {
    for (JsonNode volume : podSpec.path("volumes")) {
      if (name.equals(volume.path("name").asText())) {
        return volume;
      }
    }
    throw new AssertionError("no volume " + name + " in " + podSpec.path("volumes"));
  }

  private static JsonNode mount(JsonNode container, String name) {
    for (JsonNode mount : container.path("volumeMounts")) {
      if (name.equals(mount.path("name").asText())) {
        return mount;
      }
    }
    throw new AssertionError("no volume mount " + name + " in " + container.path("volumeMounts"));
  }
}

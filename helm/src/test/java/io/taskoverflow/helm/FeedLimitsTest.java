package io.taskoverflow.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 16: the feeds' two bounds reach the api-server and the operator. */
class FeedLimitsTest {

  private static Map<String, String> apiServer(Chart.Rendered rendered) {
    return rendered.deploymentEnv("taskoverflow-api-server", "api-server");
  }

  private static Map<String, String> operator(Chart.Rendered rendered) {
    return rendered.deploymentEnv("taskoverflow-operator", "operator");
  }

  @Test
  void defaultsMatchTheDeployablesOwnDefaults() {
    Chart.Rendered rendered = Chart.render();
    assertThat(apiServer(rendered)).containsEntry("MAX_FEEDS", "100");
    assertThat(operator(rendered)).containsEntry("FEED_MAX_EXPORTS_IN_FLIGHT", "3");
  }

  @Test
  void theLimitsReachTheirDeployables() {
    Chart.Rendered rendered =
        Chart.render(Map.of("feeds.maxFeeds", 20, "feeds.maxExportsInFlight", 5));
    assertThat(apiServer(rendered)).containsEntry("MAX_FEEDS", "20");
    assertThat(operator(rendered)).containsEntry("FEED_MAX_EXPORTS_IN_FLIGHT", "5");
  }

  @Test
  void aLimitBelowOneIsRefused() {
    assertThatThrownBy(() -> Chart.render(Map.of("feeds.maxFeeds", 0)))
        .hasMessageContaining("maxFeeds");
    assertThatThrownBy(() -> Chart.render(Map.of("feeds.maxExportsInFlight", 0)))
        .hasMessageContaining("maxExportsInFlight");
  }
}

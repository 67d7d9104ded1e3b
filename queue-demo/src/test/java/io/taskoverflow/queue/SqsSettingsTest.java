package io.taskoverflow.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.regions.Region;

class SqsSettingsTest {

  private static final Optional<URI> LOCAL = Optional.of(URI.create("http://127.0.0.1:9324"));

  @Test
  void aLocalEndpointNeedsNothingFromTheEnvironment() {
    SqsSettings settings = SqsSettings.fromEnv(LOCAL, Map.of());

    assertThat(settings.region()).contains(Region.US_EAST_1);
    assertThat(settings.credentials()).contains(SqsSettings.LOCAL_CREDENTIALS);
    assertThat(settings.describe()).isEqualTo("http://127.0.0.1:9324");
  }

  @Test
  void aLocalEndpointSignsWithTheEnvironmentsCredentialsAndRegionWhenSet() {
    SqsSettings settings =
        SqsSettings.fromEnv(
            LOCAL,
            Map.of(
                "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
                "AWS_SECRET_ACCESS_KEY", "secret",
                "AWS_SESSION_TOKEN", "token",
                "AWS_DEFAULT_REGION", "ap-southeast-2"));

    assertThat(settings.region()).contains(Region.AP_SOUTHEAST_2);
    assertThat(settings.credentials().orElseThrow())
        .isEqualTo(AwsSessionCredentials.create("AKIDEXAMPLE", "secret", "token"));
  }

  @Test
  void awsUsesTheSdksCredentialsChainAndTheEnvironmentsRegion() {
    SqsSettings settings = SqsSettings.fromEnv(Optional.empty(), Map.of("AWS_REGION", "us-west-2"));

    assertThat(settings.credentials()).isEmpty();
    assertThat(settings.region()).contains(Region.US_WEST_2);
    assertThat(settings.describe()).isEqualTo("AWS SQS in us-west-2");
  }

  @Test
  void awsWithoutARegionInTheEnvironmentLeavesItToTheSdksRegionChain() {
    SqsSettings settings = SqsSettings.fromEnv(Optional.empty(), Map.of("AWS_REGION", " "));

    assertThat(settings.region()).isEmpty();
    assertThat(settings.describe()).isEqualTo("AWS SQS");
  }
}

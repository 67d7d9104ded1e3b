package io.taskoverflow.queue;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.regions.Region;

/**
 * Where the SQS client goes and how it signs. Without an endpoint it is AWS with the SDK's usual
 * region and credentials chains (environment, profile, instance role). With an endpoint (the local
 * server) nothing is looked up beyond the environment: the region defaults to us-east-1 and the
 * credentials to placeholders a local server accepts, so the SDK never reaches for AWS.
 *
 * @param endpoint the endpoint instead of AWS's
 * @param region the region to sign for; empty means the SDK's region chain
 * @param credentials fixed credentials; empty means the SDK's default credentials chain
 */
public record SqsSettings(
    Optional<URI> endpoint, Optional<Region> region, Optional<AwsCredentials> credentials) {

  static final Region LOCAL_REGION = Region.US_EAST_1;
  static final AwsCredentials LOCAL_CREDENTIALS = AwsBasicCredentials.create("local", "local");

  public static SqsSettings fromEnv(Optional<URI> endpoint, Map<String, String> env) {
    Optional<Region> region = firstOf(env, "AWS_REGION", "AWS_DEFAULT_REGION").map(Region::of);
    if (endpoint.isEmpty()) {
      return new SqsSettings(endpoint, region, Optional.empty());
    }
    Optional<String> key = firstOf(env, "AWS_ACCESS_KEY_ID");
    Optional<String> secret = firstOf(env, "AWS_SECRET_ACCESS_KEY");
    Optional<String> token = firstOf(env, "AWS_SESSION_TOKEN");
    AwsCredentials credentials = LOCAL_CREDENTIALS;
    if (key.isPresent() && secret.isPresent()) {
      credentials =
          token.isPresent()
              ? AwsSessionCredentials.create(key.get(), secret.get(), token.get())
              : AwsBasicCredentials.create(key.get(), secret.get());
    }
    return new SqsSettings(
        endpoint, Optional.of(region.orElse(LOCAL_REGION)), Optional.of(credentials));
  }

  /** Where requests go, as the error messages name it. */
  public String describe() {
    return endpoint
        .map(URI::toString)
        .orElseGet(() -> "AWS SQS" + region.map(r -> " in " + r.id()).orElse(""));
  }

  private static Optional<String> firstOf(Map<String, String> env, String... names) {
    for (String name : names) {
      String value = env.get(name);
      if (value != null && !value.isBlank()) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }
}

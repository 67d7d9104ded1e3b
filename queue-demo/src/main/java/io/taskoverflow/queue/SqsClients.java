package io.taskoverflow.queue;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the SQS client of {@link SqsSettings}, failing early on a missing region or credentials.
 */
public final class SqsClients {

  private SqsClients() {}

  /**
   * @throws QueueFailure when AWS is meant and the environment has no region or no credentials
   */
  public static SqsClient create(SqsSettings settings) {
    Region region = settings.region().orElseGet(SqsClients::regionFromChain);
    AwsCredentialsProvider credentials =
        settings
            .credentials()
            .<AwsCredentialsProvider>map(StaticCredentialsProvider::create)
            .orElseGet(SqsClients::credentialsFromChain);
    var builder =
        SqsClient.builder()
            .region(region)
            .credentialsProvider(credentials)
            .httpClient(UrlConnectionHttpClient.create());
    settings.endpoint().ifPresent(builder::endpointOverride);
    return builder.build();
  }

  private static Region regionFromChain() {
    try {
      return new DefaultAwsRegionProviderChain().getRegion();
    } catch (SdkClientException e) {
      throw new QueueFailure(
          QueueFailure.CONFIG,
          "no AWS region: set AWS_REGION (for example us-east-1), or use --endpoint for a local"
              + " server");
    }
  }

  // Resolved once here so that missing credentials are reported as such, not as a failed request.
  private static AwsCredentialsProvider credentialsFromChain() {
    DefaultCredentialsProvider provider = DefaultCredentialsProvider.builder().build();
    try {
      provider.resolveCredentials();
    } catch (SdkClientException e) {
      throw new QueueFailure(
          QueueFailure.CREDENTIALS,
          "no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and"
              + " AWS_SESSION_TOKEN for temporary ones) or AWS_PROFILE, or use --endpoint for a"
              + " local server");
    }
    return provider;
  }
}

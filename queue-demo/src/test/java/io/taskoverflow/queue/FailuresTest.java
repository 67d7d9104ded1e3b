package io.taskoverflow.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.net.BindException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SqsException;

class FailuresTest {

  private static final SqsSettings LOCAL =
      SqsSettings.fromEnv(Optional.of(URI.create("http://127.0.0.1:9324")), Map.of());
  private static final SqsSettings AWS =
      SqsSettings.fromEnv(Optional.empty(), Map.of("AWS_REGION", "us-east-1"));

  @Test
  void aMissingQueueIsNamedWithWhereItWasLookedFor() {
    QueueFailure failure =
        Failures.describe(QueueDoesNotExistException.builder().build(), AWS, "csse6400_prac");

    assertThat(failure.exitCode()).isEqualTo(66);
    assertThat(failure.getMessage())
        .startsWith("no queue named 'csse6400_prac' at AWS SQS in us-east-1");
  }

  static Stream<Arguments> credentialErrors() {
    return Stream.of(
        argumentSet(
            "rejected credentials are reported with AWS's error code",
            serviceError(403, "InvalidClientTokenId", "The security token is invalid."),
            "AWS SQS in us-east-1 rejected the credentials (InvalidClientTokenId: The security"
                + " token is invalid.)"),
        argumentSet(
            "any forbidden answer is a credentials problem",
            serviceError(403, "SomethingNew", "Not for you"),
            "AWS SQS in us-east-1 rejected the credentials (SomethingNew: Not for you)"),
        argumentSet(
            "expired lab credentials say to get fresh ones",
            serviceError(400, "ExpiredToken", "The security token has expired."),
            "the AWS credentials have expired"));
  }

  @ParameterizedTest
  @MethodSource("credentialErrors")
  void aCredentialsProblemExitsWithItsOwnCode(SqsException error, String messageStart) {
    QueueFailure failure = Failures.describe(error, AWS, "q");

    assertThat(failure.exitCode()).isEqualTo(77);
    assertThat(failure.getMessage()).startsWith(messageStart);
  }

  @Test
  void anotherServiceErrorIsReportedAsSqsSaidIt() {
    QueueFailure failure =
        Failures.describe(serviceError(400, "InvalidParameterValue", "Bad group id"), LOCAL, "q");

    assertThat(failure.exitCode()).isEqualTo(1);
    assertThat(failure.getMessage())
        .isEqualTo(
            "http://127.0.0.1:9324 refused the request (InvalidParameterValue: Bad group id)");
  }

  @Test
  void aRefusedConnectionIsUnavailable() {
    SdkClientException refused =
        SdkClientException.create(
            "Unable to execute HTTP request: Connection refused",
            new ConnectException("Connection refused"));

    QueueFailure failure = Failures.describe(refused, LOCAL, "q");

    assertThat(failure.exitCode()).isEqualTo(69);
    assertThat(failure.getMessage())
        .isEqualTo("cannot reach http://127.0.0.1:9324 (Connection refused)");
  }

  @Test
  void anUnknownHostIsUnavailable() {
    SdkClientException unknown =
        SdkClientException.create("Unable to execute HTTP request", new UnknownHostException("x"));

    assertThat(Failures.describe(unknown, LOCAL, "q").getMessage()).endsWith("(unknown host x)");
  }

  @Test
  void aBusyPortSaysSo() {
    QueueFailure failure =
        Failures.describeServerStart(
            new RuntimeException("Bind failed", new BindException("Address already in use")),
            "127.0.0.1",
            9324);

    assertThat(failure.exitCode()).isEqualTo(69);
    assertThat(failure.getMessage())
        .isEqualTo(
            "cannot start the local server on 127.0.0.1:9324: the port is in use; is a local"
                + " server running already? --port picks another");
  }

  private static SqsException serviceError(int status, String code, String message) {
    return (SqsException)
        SqsException.builder()
            .statusCode(status)
            .awsErrorDetails(
                AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
            .build();
  }
}

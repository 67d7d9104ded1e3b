package io.taskoverflow.queue;

import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/** Turns what the SDK throws into the one line and exit code the user sees. */
public final class Failures {

  // The error codes AWS answers for unknown, malformed, expired or unauthorised credentials.
  private static final Set<String> CREDENTIAL_ERRORS =
      Set.of(
          "InvalidClientTokenId",
          "UnrecognizedClientException",
          "SignatureDoesNotMatch",
          "InvalidAccessKeyId",
          "IncompleteSignature",
          "MissingAuthenticationToken",
          "InvalidSecurity",
          "ExpiredToken",
          "ExpiredTokenException",
          "RequestExpired",
          "AccessDenied",
          "AccessDeniedException");

  private Failures() {}

  /**
   * @param failure what was thrown
   * @param settings where the client was going
   * @param queueName the queue the command was about
   */
  public static QueueFailure describe(Throwable failure, SqsSettings settings, String queueName) {
    if (failure instanceof QueueFailure known) {
      return known;
    }
    if (failure instanceof QueueDoesNotExistException) {
      return new QueueFailure(
          QueueFailure.NO_QUEUE,
          "no queue named '"
              + queueName
              + "' at "
              + settings.describe()
              + (settings.endpoint().isPresent()
                  ? ""
                  : " (check the name and AWS_REGION, or create it in the SQS console)"));
    }
    if (failure instanceof AwsServiceException service) {
      AwsErrorDetails details = service.awsErrorDetails();
      String code = details == null ? null : details.errorCode();
      String message = details == null ? service.getMessage() : details.errorMessage();
      String reported = (code == null ? "" : code + ": ") + message;
      if (code != null && code.startsWith("ExpiredToken")) {
        return new QueueFailure(
            QueueFailure.CREDENTIALS,
            "the AWS credentials have expired ("
                + reported
                + "); get fresh ones and set AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and"
                + " AWS_SESSION_TOKEN again");
      }
      if (CREDENTIAL_ERRORS.contains(code) || service.statusCode() == 403) {
        return new QueueFailure(
            QueueFailure.CREDENTIALS,
            settings.describe()
                + " rejected the credentials ("
                + reported
                + "); check AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN");
      }
      return new QueueFailure(
          QueueFailure.OTHER, settings.describe() + " refused the request (" + reported + ")");
    }
    Throwable network = networkCause(failure);
    if (network != null) {
      return new QueueFailure(
          QueueFailure.UNAVAILABLE,
          "cannot reach " + settings.describe() + " (" + describeNetwork(network) + ")");
    }
    if (failure instanceof SdkClientException) {
      return new QueueFailure(QueueFailure.OTHER, failure.getMessage());
    }
    return new QueueFailure(QueueFailure.OTHER, String.valueOf(failure));
  }

  /** The local server could not start, most often because the port is taken. */
  public static QueueFailure describeServerStart(Throwable failure, String bind, int port) {
    Throwable cause = failure;
    while (cause != null && !(cause instanceof BindException)) {
      cause = cause.getCause();
    }
    String reason =
        cause == null
            ? String.valueOf(failure)
            : cause.getMessage() != null && cause.getMessage().contains("in use")
                ? "the port is in use; is a local server running already? --port picks another"
                : cause.getMessage();
    return new QueueFailure(
        QueueFailure.UNAVAILABLE,
        "cannot start the local server on " + bind + ":" + port + ": " + reason);
  }

  private static Throwable networkCause(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException
          || cause instanceof UnknownHostException
          || cause instanceof NoRouteToHostException
          || cause instanceof SocketTimeoutException) {
        return cause;
      }
    }
    return null;
  }

  private static String describeNetwork(Throwable cause) {
    if (cause instanceof UnknownHostException) {
      return "unknown host " + cause.getMessage();
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }
}

package io.taskoverflow.queue;

import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * Sends "Message 0", "Message 1", ... one at a time, each tagged with who sent it and its number so
 * that a subscriber can tell reordering and duplicates apart. On a FIFO queue every message of one
 * run shares a message group (FIFO keeps order within a group) and carries a deduplication id, so a
 * send the SDK retries is stored once.
 *
 * @param runId unique per run, used as the FIFO message group; only letters, digits and punctuation
 *     (as a UUID is)
 */
public record Publisher(
    SqsClient sqs, String queueUrl, boolean fifo, String clientName, String runId) {

  /** The publisher's client name. */
  public static final String CLIENT_NAME = "client-name";

  /** The message's number within its run. */
  public static final String SEQUENCE = "sequence";

  /** One publisher run: what numbers are compared within. */
  public static final String RUN = "run";

  public void publish(int count) {
    for (int i = 0; i < count; i++) {
      SendMessageRequest.Builder request =
          SendMessageRequest.builder()
              .queueUrl(queueUrl)
              .messageBody(body(i))
              .messageAttributes(
                  Map.of(
                      CLIENT_NAME, text(clientName),
                      SEQUENCE, number(i),
                      RUN, text(runId)));
      if (fifo) {
        request.messageGroupId(runId).messageDeduplicationId(runId + "-" + i);
      }
      sqs.sendMessage(request.build());
    }
  }

  static String body(int sequence) {
    return "Message " + sequence;
  }

  private static MessageAttributeValue text(String value) {
    return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
  }

  private static MessageAttributeValue number(int value) {
    return MessageAttributeValue.builder()
        .dataType("Number")
        .stringValue(Integer.toString(value))
        .build();
  }
}

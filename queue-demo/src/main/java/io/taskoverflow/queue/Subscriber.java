package io.taskoverflow.queue;

import java.io.PrintStream;
import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Long-polls a queue and prints each message as it arrives, as {@code [11:41:41] Client 1: Message
 * 0} (the name is the publisher's), marking out-of-order and duplicate arrivals. What it printed it
 * then deletes, so no other subscriber gets it again once its visibility timeout ends.
 */
public record Subscriber(
    SqsClient sqs, String queueUrl, PrintStream out, PrintStream err, Clock clock) {

  /** SQS's longest long poll: a receive waits up to this long for a message to arrive. */
  static final int WAIT_SECONDS = 20;

  /** The most messages one receive may return. */
  static final int MAX_BATCH = 10;

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  /** Receives until {@code summary} has counted {@code count} messages; never more than that. */
  public void receive(int count, ReceiveSummary summary) {
    while (summary.received() < count) {
      int wanted = Math.min(MAX_BATCH, count - summary.received());
      List<Message> messages =
          sqs.receiveMessage(
                  request ->
                      request
                          .queueUrl(queueUrl)
                          .maxNumberOfMessages(wanted)
                          .waitTimeSeconds(WAIT_SECONDS)
                          .messageAttributeNames("All"))
              .messages();
      for (Message message : messages) {
        out.println(line(message, summary));
      }
      delete(messages);
    }
  }

  private String line(Message message, ReceiveSummary summary) {
    Map<String, MessageAttributeValue> attributes = message.messageAttributes();
    String time = "[" + TIME.format(LocalTime.now(clock)) + "] ";
    String run = value(attributes, Publisher.RUN);
    String sequence = value(attributes, Publisher.SEQUENCE);
    String sender = value(attributes, Publisher.CLIENT_NAME);
    if (run == null || sequence == null || sender == null) {
      summary.recordUnnumbered();
      return time + message.body();
    }
    ReceiveSummary.Arrival arrival;
    try {
      arrival = summary.record(run, Long.parseLong(sequence));
    } catch (NumberFormatException e) {
      arrival = summary.recordUnnumbered();
    }
    String note =
        switch (arrival) {
          case OUT_OF_ORDER -> " (out of order)";
          case DUPLICATE -> " (duplicate)";
          case IN_ORDER, UNNUMBERED -> "";
        };
    return time + sender + ": " + message.body() + note;
  }

  private void delete(List<Message> messages) {
    if (messages.isEmpty()) {
      return;
    }
    List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      entries.add(
          DeleteMessageBatchRequestEntry.builder()
              .id(Integer.toString(i))
              .receiptHandle(messages.get(i).receiptHandle())
              .build());
    }
    DeleteMessageBatchResponse response =
        sqs.deleteMessageBatch(request -> request.queueUrl(queueUrl).entries(entries));
    // Not fatal: an undeleted message comes back after its visibility timeout, as a duplicate.
    response
        .failed()
        .forEach(
            failed ->
                err.println(
                    "queue: could not delete "
                        + messages.get(Integer.parseInt(failed.id())).body()
                        + " ("
                        + failed.code()
                        + ": "
                        + failed.message()
                        + "); it will be delivered again"));
  }

  private static String value(Map<String, MessageAttributeValue> attributes, String name) {
    MessageAttributeValue value = attributes.get(name);
    return value == null ? null : value.stringValue();
  }
}

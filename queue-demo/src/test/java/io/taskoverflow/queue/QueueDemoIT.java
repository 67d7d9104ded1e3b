package io.taskoverflow.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The publisher and subscriber against ElasticMQ in this JVM, on a free port of 127.0.0.1. */
class QueueDemoIT {

  private static final Pattern LINE =
      Pattern.compile("\\[\\d\\d:\\d\\d:\\d\\d] (.+): Message (\\d+)( \\(.+\\))?");
  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);

  private static LocalSqs local;
  private static SqsClient sqs;
  private static ExecutorService runs;

  @BeforeAll
  static void startLocalServer() {
    local = LocalSqs.start("127.0.0.1", 0);
    sqs = local.client();
    runs = Executors.newCachedThreadPool();
  }

  @AfterAll
  static void stopLocalServer() {
    runs.shutdownNow();
    sqs.close();
    local.close();
  }

  @Test
  void theLocalServerHasThePracticalsStandardAndFifoQueue() {
    Map<String, String> fifo = attributes("csse6400_prac.fifo", QueueAttributeName.FIFO_QUEUE);
    Map<String, String> standard = attributes("csse6400_prac", QueueAttributeName.FIFO_QUEUE);

    assertThat(fifo).containsEntry("FifoQueue", "true");
    assertThat(standard).doesNotContainKey("FifoQueue");
  }

  @Test
  void thePracticalsTwoCommandsMoveOneHundredMessagesThroughTheFifoQueueInOrder() throws Exception {
    Future<CommandRun> subscriber =
        start("--name", "csse6400_prac.fifo", "--client-name", "Client 1", "--receive");
    CommandRun publisher = run("--name", "csse6400_prac.fifo", "--client-name", "Client 1");

    CommandRun received = finished(subscriber);
    assertThat(publisher.exitCode()).isZero();
    assertThat(publisher.outLines())
        .singleElement()
        .asString()
        .startsWith("Client 1 sent 100 messages to csse6400_prac.fifo in ");
    assertThat(received.exitCode()).isZero();
    assertThat(received.err()).isEmpty();
    assertThat(received.outLines().get(1)).matches("\\[\\d\\d:\\d\\d:\\d\\d] Client 1: Message 0");
    assertThat(numbersBySender(received)).containsExactly(Map.entry("Client 1", upTo(100)));
    assertThat(last(received))
        .isEqualTo(
            "Client 1 received 100 messages from csse6400_prac.fifo: 0 out of order, 0 duplicates");
  }

  @Test
  void aFifoQueueKeepsEachPublishersOrderWithThreePublishersAtOnce() throws Exception {
    String queue = createQueue("three-publishers.fifo");
    Future<CommandRun> subscriber =
        start("--name", queue, "--client-name", "Subscriber", "--receive", "--count", "300");
    List<Future<CommandRun>> publishers = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      publishers.add(start("--name", queue, "--client-name", "Publisher " + i));
    }

    for (Future<CommandRun> publisher : publishers) {
      assertThat(finished(publisher).exitCode()).isZero();
    }
    CommandRun received = finished(subscriber);
    assertThat(numbersBySender(received))
        .containsOnly(
            Map.entry("Publisher 1", upTo(100)),
            Map.entry("Publisher 2", upTo(100)),
            Map.entry("Publisher 3", upTo(100)));
    assertThat(last(received))
        .isEqualTo(
            "Subscriber received 300 messages from three-publishers.fifo: 0 out of order,"
                + " 0 duplicates");
  }

  @Test
  void everyMessageOnTheStandardQueueIsReceivedOnceAndThenDeleted() throws Exception {
    String queue = createQueue("received-once");
    Future<CommandRun> subscriber =
        start("--name", queue, "--client-name", "Subscriber", "--receive", "--count", "100");
    Future<CommandRun> first = start("--name", queue, "--client-name", "A", "--count", "50");
    Future<CommandRun> second = start("--name", queue, "--client-name", "B", "--count", "50");

    assertThat(finished(first).exitCode()).isZero();
    assertThat(finished(second).exitCode()).isZero();
    CommandRun received = finished(subscriber);
    Map<String, List<Integer>> numbers = numbersBySender(received);
    assertThat(numbers.keySet()).containsExactlyInAnyOrder("A", "B");
    assertThat(numbers.get("A")).containsExactlyInAnyOrderElementsOf(upTo(50));
    assertThat(numbers.get("B")).containsExactlyInAnyOrderElementsOf(upTo(50));
    assertThat(last(received))
        .endsWith("received 100 messages from received-once: 0 out of order, 0 duplicates");
    await()
        .untilAsserted(
            () -> assertThat(messagesIn(queue)).isEqualTo(Map.of("visible", 0, "in flight", 0)));
  }

  @Test
  void countStopsTheReceiverAfterThatManyMessagesAndLeavesTheRest() throws Exception {
    String queue = createQueue("count-stops.fifo");
    assertThat(run("--name", queue, "--client-name", "P", "--count", "10").exitCode()).isZero();

    CommandRun four = run("--name", queue, "--client-name", "R", "--receive", "--count", "4");

    assertThat(four.exitCode()).isZero();
    assertThat(numbersBySender(four)).containsExactly(Map.entry("P", upTo(4)));
    assertThat(last(four))
        .isEqualTo("R received 4 messages from count-stops.fifo: 0 out of order, 0 duplicates");
    await()
        .untilAsserted(
            () -> assertThat(messagesIn(queue)).isEqualTo(Map.of("visible", 6, "in flight", 0)));
    CommandRun rest = run("--name", queue, "--client-name", "R", "--receive", "--count", "6");
    assertThat(numbersBySender(rest)).containsExactly(Map.entry("P", List.of(4, 5, 6, 7, 8, 9)));
  }

  /**
   * ElasticMQ neither reorders nor duplicates, so here the stand-in for SQS's standard queue is a
   * sender that repeats a number and sends one late, on a FIFO queue that keeps what it was given.
   */
  @Test
  void aLateOrRepeatedNumberIsMarkedAndCountedAndAForeignMessageIsShownAsItCame() {
    String queue = createQueue("marked.fifo");
    String url = sqs.getQueueUrl(request -> request.queueName(queue)).queueUrl();
    int[] sequence = {0, 2, 1, 2};
    for (int i = 0; i < sequence.length; i++) {
      int number = sequence[i];
      String id = Integer.toString(i);
      sqs.sendMessage(
          request ->
              request
                  .queueUrl(url)
                  .messageBody("Message " + number)
                  .messageGroupId("g")
                  .messageDeduplicationId(id)
                  .messageAttributes(
                      Map.of(
                          Publisher.CLIENT_NAME, text("Stand-in"),
                          Publisher.RUN, text("one run"),
                          Publisher.SEQUENCE, text(Integer.toString(number)))));
    }
    sqs.sendMessage(
        request ->
            request
                .queueUrl(url)
                .messageBody("hello from the console")
                .messageGroupId("g")
                .messageDeduplicationId("foreign"));

    CommandRun received = run("--name", queue, "--client-name", "R", "--receive", "--count", "5");

    assertThat(received.outLines().subList(1, 6))
        .extracting(line -> line.substring("[00:00:00] ".length()))
        .containsExactly(
            "Stand-in: Message 0",
            "Stand-in: Message 2",
            "Stand-in: Message 1 (out of order)",
            "Stand-in: Message 2 (duplicate)",
            "hello from the console");
    assertThat(last(received))
        .isEqualTo("R received 5 messages from marked.fifo: 1 out of order, 1 duplicate");
  }

  @Test
  void aMissingQueueIsOneLineAndExit66() {
    for (String mode : new String[] {"--count=1", "--receive"}) {
      CommandRun run =
          CommandRun.run(
              "--name",
              "no-such-queue",
              "--client-name",
              "c",
              mode,
              "--endpoint",
              local.endpoint().toString());

      assertThat(run.exitCode()).isEqualTo(66);
      assertThat(run.errLines())
          .containsExactly("queue: no queue named 'no-such-queue' at " + local.endpoint());
      assertThat(run.out()).isEmpty();
    }
  }

  @Test
  void anUnreachableEndpointIsOneLineAndExit69() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    String endpoint = "http://127.0.0.1:" + closedPort;

    CommandRun run = CommandRun.run("--name", "q", "--client-name", "c", "--endpoint", endpoint);

    assertThat(run.exitCode()).isEqualTo(69);
    assertThat(run.errLines())
        .containsExactly("queue: cannot reach " + endpoint + " (Connection refused)");
  }

  static List<Arguments> credentialRejections() {
    return List.of(
        // SQS's JSON protocol keeps the query protocol's error code in a header.
        Arguments.of(
            403,
            Map.of("x-amzn-query-error", "InvalidClientTokenId;Sender"),
            "{\"__type\":\"com.amazonaws.sqs#InvalidClientTokenId\","
                + "\"message\":\"The security token included in the request is invalid.\"}",
            "InvalidClientTokenId: The security token included in the request is invalid."),
        Arguments.of(
            400,
            Map.of(),
            "{\"__type\":\"com.amazon.coral.service#UnrecognizedClientException\","
                + "\"message\":\"The security token included in the request is invalid.\"}",
            "UnrecognizedClientException: The security token included in the request is invalid."),
        Arguments.of(
            403,
            Map.of("x-amzn-query-error", "SignatureDoesNotMatch;Sender"),
            "{\"__type\":\"com.amazon.coral.service#SignatureDoesNotMatch\","
                + "\"message\":\"The request signature we calculated does not match.\"}",
            "SignatureDoesNotMatch: The request signature we calculated does not match."));
  }

  /**
   * ElasticMQ accepts any credentials, so what SQS answers to bad ones comes from a stub endpoint
   * here, parsed by the real SDK.
   */
  @ParameterizedTest
  @MethodSource("credentialRejections")
  void rejectedCredentialsAreOneLineAndExit77(
      int status, Map<String, String> headers, String body, String reported) throws IOException {
    HttpServer stub =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    stub.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
          headers.forEach(exchange.getResponseHeaders()::add);
          exchange.sendResponseHeaders(status, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    stub.start();
    try {
      String endpoint = "http://127.0.0.1:" + stub.getAddress().getPort();
      CommandRun run =
          CommandRun.run(
              Map.of("AWS_ACCESS_KEY_ID", "AKIAWRONG", "AWS_SECRET_ACCESS_KEY", "wrong"),
              "--name",
              "csse6400_prac",
              "--client-name",
              "c",
              "--endpoint",
              endpoint);

      assertThat(run.exitCode()).isEqualTo(77);
      assertThat(run.errLines())
          .containsExactly(
              "queue: "
                  + endpoint
                  + " rejected the credentials ("
                  + reported
                  + "); check AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN");
    } finally {
      stub.stop(0);
    }
  }

  @Test
  void aBusyPortIsOneLineAndExit69ForTheLocalServer() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      String port = Integer.toString(taken.getLocalPort());

      CommandRun run = CommandRun.run("--local-server", "--port", port);

      assertThat(run.exitCode()).isEqualTo(69);
      assertThat(run.errLines())
          .containsExactly(
              "queue: cannot start the local server on 127.0.0.1:"
                  + port
                  + ": the port is in use; is a local server running already? --port picks another");
    }
  }

  private static CommandRun run(String... args) {
    return CommandRun.run(withEndpoint(args));
  }

  private static Future<CommandRun> start(String... args) {
    return runs.submit(() -> CommandRun.run(withEndpoint(args)));
  }

  private static String[] withEndpoint(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--endpoint");
    all.add(local.endpoint().toString());
    return all.toArray(String[]::new);
  }

  private static CommandRun finished(Future<CommandRun> run) throws Exception {
    return run.get(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  /** The numbers each publisher's messages arrived with, in arrival order. */
  private static Map<String, List<Integer>> numbersBySender(CommandRun received) {
    Map<String, List<Integer>> numbers = new LinkedHashMap<>();
    for (String line : received.outLines()) {
      Matcher matcher = LINE.matcher(line);
      if (matcher.matches()) {
        numbers
            .computeIfAbsent(matcher.group(1), sender -> new ArrayList<>())
            .add(Integer.parseInt(matcher.group(2)));
      }
    }
    return numbers;
  }

  private static List<Integer> upTo(int count) {
    return IntStream.range(0, count).boxed().toList();
  }

  private static String last(CommandRun run) {
    List<String> lines = run.outLines();
    return lines.get(lines.size() - 1);
  }

  private static MessageAttributeValue text(String value) {
    return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
  }

  private static String createQueue(String name) {
    Map<QueueAttributeName, String> attributes =
        name.endsWith(".fifo") ? Map.of(QueueAttributeName.FIFO_QUEUE, "true") : Map.of();
    sqs.createQueue(request -> request.queueName(name).attributes(attributes));
    return name;
  }

  private static Map<String, String> attributes(String queue, QueueAttributeName... names) {
    String url = sqs.getQueueUrl(request -> request.queueName(queue)).queueUrl();
    return sqs.getQueueAttributes(request -> request.queueUrl(url).attributeNames(names))
        .attributesAsStrings();
  }

  private static Map<String, Integer> messagesIn(String queue) {
    Map<String, String> counts =
        attributes(
            queue,
            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE);
    return Map.of(
        "visible", Integer.parseInt(counts.get("ApproximateNumberOfMessages")),
        "in flight", Integer.parseInt(counts.get("ApproximateNumberOfMessagesNotVisible")));
  }
}

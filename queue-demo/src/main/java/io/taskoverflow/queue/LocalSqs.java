package io.taskoverflow.queue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.ActorSystem;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.rest.sqs.TheSQSRestServerBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * ElasticMQ, an SQS-compatible server, in memory and in this JVM, with the practical's two queues.
 * Its standard queue delivers in order and exactly once: the reordering and duplicates that SQS's
 * distributed standard queues can show do not happen here.
 */
public final class LocalSqs implements AutoCloseable {

  /** The practical's queues: a standard one and a FIFO one. */
  public static final List<String> PRACTICAL_QUEUES =
      List.of("csse6400_prac", "csse6400_prac.fifo");

  private final SQSRestServer server;
  private final ActorSystem system;
  private final URI endpoint;

  private LocalSqs(SQSRestServer server, ActorSystem system, URI endpoint) {
    this.server = server;
    this.system = system;
    this.endpoint = endpoint;
  }

  /**
   * Starts the server and creates {@link #PRACTICAL_QUEUES}.
   *
   * @param bindAddress the address to listen on; 127.0.0.1 keeps it to this machine
   * @param port the port, or 0 for a free one
   * @throws QueueFailure when it cannot listen there
   */
  public static LocalSqs start(String bindAddress, int port) {
    // Our own actor system, so that a failed start can stop its (non-daemon) threads too.
    ActorSystem system = ActorSystem.create("local-sqs");
    TheSQSRestServerBuilder builder =
        SQSRestServerBuilder.withActorSystem(system).withInterface(bindAddress);
    builder = port == 0 ? builder.withDynamicPort() : builder.withPort(port);
    SQSRestServer server;
    int actualPort;
    try {
      server = builder.start();
      actualPort = server.waitUntilStarted().localAddress().getPort();
    } catch (RuntimeException e) {
      system.terminate();
      throw Failures.describeServerStart(e, bindAddress, port);
    }
    LocalSqs local =
        new LocalSqs(server, system, URI.create("http://" + host(bindAddress) + ":" + actualPort));
    local.createPracticalQueues();
    return local;
  }

  // Where a client on this machine reaches the server: loopback when it listens everywhere.
  private static String host(String bindAddress) {
    return switch (bindAddress) {
      case "0.0.0.0" -> "127.0.0.1";
      case "::" -> "[::1]";
      default -> bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress;
    };
  }

  /** The URL to pass as {@code --endpoint}. */
  public URI endpoint() {
    return endpoint;
  }

  /** A client for this server, signing with placeholder credentials. */
  public SqsClient client() {
    return SqsClients.create(SqsSettings.fromEnv(Optional.of(endpoint), Map.of()));
  }

  private void createPracticalQueues() {
    try (SqsClient sqs = client()) {
      for (String name : PRACTICAL_QUEUES) {
        Map<QueueAttributeName, String> attributes =
            name.endsWith(".fifo") ? Map.of(QueueAttributeName.FIFO_QUEUE, "true") : Map.of();
        sqs.createQueue(request -> request.queueName(name).attributes(attributes));
      }
    }
  }

  @Override
  public void close() {
    server.stopAndWait();
    system.terminate();
  }
}

package io.taskoverflow.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar in separate JVMs, as the README's two terminals run it: a local server, a
 * subscriber, a publisher. Also shows that nothing but the command's own lines reaches the terminal
 * (no SLF4J, AWS SDK or Pekko chatter).
 */
class QueueJarIT {

  private static final Pattern ENDPOINT = Pattern.compile(".* at (http://\\S+) with queues .*");

  private static JavaProcess server;
  private static String endpoint;

  @BeforeAll
  static void startLocalServer() {
    server = JavaProcess.start("--local-server", "--port", "0");
    Matcher started = ENDPOINT.matcher(server.awaitLine(ENDPOINT.asMatchPredicate()));
    assertThat(started.matches()).isTrue();
    endpoint = started.group(1);
  }

  @AfterAll
  static void stopLocalServer() throws InterruptedException {
    assertThat(server.stop()).as("SIGTERM").isEqualTo(143);
    assertThat(server.err()).isEmpty();
  }

  /** The jar as a client of the local server: {@code --name queue --client-name name …}. */
  private static JavaProcess client(String queue, String name, String... more) {
    List<String> args =
        new ArrayList<>(List.of("--endpoint", endpoint, "--name", queue, "--client-name", name));
    args.addAll(List.of(more));
    return JavaProcess.start(args.toArray(String[]::new));
  }

  @Test
  void theReadmesLocalRunWorksWithTheJarAsBuilt() throws InterruptedException {
    JavaProcess subscriber = client("csse6400_prac", "Client 1", "--receive");
    subscriber.awaitLine(line -> line.startsWith("Client 1 is waiting for 100 messages"));
    JavaProcess publisher = client("csse6400_prac", "Client 1");

    assertThat(publisher.exitCode()).isZero();
    assertThat(publisher.out())
        .singleElement()
        .asString()
        .startsWith("Client 1 sent 100 messages to csse6400_prac in ");
    assertThat(publisher.err()).isEmpty();
    assertThat(subscriber.exitCode()).isZero();
    List<String> lines = subscriber.out();
    assertThat(lines).hasSize(102);
    assertThat(lines.subList(1, 101))
        .allMatch(line -> line.matches("\\[\\d\\d:\\d\\d:\\d\\d] Client 1: Message \\d+"));
    assertThat(lines.get(101))
        .isEqualTo(
            "Client 1 received 100 messages from csse6400_prac: 0 out of order, 0 duplicates");
    assertThat(subscriber.err()).isEmpty();
  }

  @Test
  void aStoppedSubscriberStillPrintsItsSummary() throws InterruptedException {
    JavaProcess subscriber =
        client("csse6400_prac.fifo", "Client 2", "--receive", "--count", "1000");
    JavaProcess publisher = client("csse6400_prac.fifo", "Client 1", "--count", "5");
    assertThat(publisher.exitCode()).isZero();
    subscriber.awaitLine(line -> line.endsWith("Client 1: Message 4"));

    assertThat(subscriber.stop()).isEqualTo(143);
    assertThat(subscriber.out())
        .last()
        .isEqualTo(
            "Client 2 received 5 messages from csse6400_prac.fifo: 0 out of order, 0 duplicates");
    assertThat(subscriber.err()).isEmpty();
  }

  @Test
  void aMissingQueueIsOneLineOnStderrAndExit66() throws InterruptedException {
    JavaProcess publisher = client("csse6400-prac", "Client 1");

    assertThat(publisher.exitCode()).isEqualTo(66);
    assertThat(publisher.err())
        .containsExactly("queue: no queue named 'csse6400-prac' at " + endpoint);
    assertThat(publisher.out()).isEmpty();
  }
}

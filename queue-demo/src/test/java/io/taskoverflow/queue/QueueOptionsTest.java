package io.taskoverflow.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskoverflow.queue.QueueOptions.Mode;
import java.net.URI;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParameterException;

class QueueOptionsTest {

  @Test
  void thePracticalsPublisherCommandPublishesOneHundredMessagesToAws() {
    QueueOptions options = parse("--name", "csse6400_prac", "--client-name", "Client 1");

    assertThat(options.mode()).isEqualTo(Mode.PUBLISH);
    assertThat(options.queueName()).isEqualTo("csse6400_prac");
    assertThat(options.clientName()).isEqualTo("Client 1");
    assertThat(options.count()).isEqualTo(100);
    assertThat(options.endpoint()).isEmpty();
    assertThat(options.fifo()).isFalse();
  }

  @Test
  void thePracticalsSubscriberCommandReceives() {
    QueueOptions options =
        parse("--name", "csse6400_prac.fifo", "--client-name", "Client 1", "--receive");

    assertThat(options.mode()).isEqualTo(Mode.RECEIVE);
    assertThat(options.fifo()).isTrue();
  }

  @Test
  void countAndEndpointAreReadInEitherSpelling() {
    QueueOptions options =
        parse("--name=q", "--client-name", "c", "--count=5", "--endpoint", "http://localhost:9324");

    assertThat(options.count()).isEqualTo(5);
    assertThat(options.endpoint()).contains(URI.create("http://localhost:9324"));
  }

  @Test
  void theLocalServerDefaultsToPort9324OnLoopback() {
    QueueOptions options = parse("--local-server");

    assertThat(options.mode()).isEqualTo(Mode.LOCAL_SERVER);
    assertThat(options.port()).isEqualTo(9324);
    assertThat(options.bindAddress()).isEqualTo("127.0.0.1");
  }

  @Test
  void theLocalServerTakesAPortAndAnAddress() {
    QueueOptions options = parse("--local-server", "--port", "0", "--bind", "0.0.0.0");

    assertThat(options.port()).isZero();
    assertThat(options.bindAddress()).isEqualTo("0.0.0.0");
  }

  @Test
  void everyMissingRequiredOptionIsNamedAtOnce() {
    assertUsage("missing --name and --client-name");
    assertUsage("missing --client-name", "--name", "q", "--receive");
  }

  @Test
  void anUnknownOptionIsNamed() {
    assertUsage("Unknown option: '--queue'", "--name", "q", "--client-name", "c", "--queue");
    assertUsage("Unknown options: '--queue', 'q'", "--queue", "q");
  }

  @Test
  void aStrayArgumentIsNamed() {
    assertUsage(
        "Unmatched argument at index 4: 'Client'", "--name", "q", "--client-name", "My", "Client");
  }

  @Test
  void anOptionWithoutItsValueIsRefused() {
    assertUsage(
        "Missing required parameter for option '--name' (QUEUE)", "--client-name", "c", "--name");
    assertUsage(
        "Expected parameter for option '--name' but found '--client-name'",
        "--name",
        "--client-name",
        "c");
    assertUsage(
        "Unknown option: '--cuont'; Expected parameter for option '--name' but found '--cuont'",
        "--client-name",
        "c",
        "--name",
        "--cuont",
        "5");
  }

  @Test
  void aFlagWithAValueIsRefused() {
    assertUsage(
        "option '--receive' should be specified without 'yes' parameter",
        "--name",
        "q",
        "--client-name",
        "c",
        "--receive=yes");
  }

  @Test
  void anOptionGivenTwiceIsRefused() {
    assertUsage(
        "option '--name' (QUEUE) should be specified only once",
        "--name",
        "a",
        "--name",
        "b",
        "--client-name",
        "c");
  }

  @Test
  void countMustBeAPositiveWholeNumber() {
    for (String count : new String[] {"0", "-3", "ten", "1.5", "99999999999"}) {
      assertThatThrownBy(() -> parse("--name", "q", "--client-name", "c", "--count", count))
          .isInstanceOf(ParameterException.class)
          .hasMessage("--count must be a whole number from 1, not '" + count + "'");
    }
  }

  @Test
  void theEndpointMustBeAnHttpUrl() {
    for (String endpoint : new String[] {"localhost:9324", "ftp://host", "http://", "not a url"}) {
      assertThatThrownBy(() -> parse("--name", "q", "--client-name", "c", "--endpoint", endpoint))
          .isInstanceOf(ParameterException.class)
          .hasMessageStartingWith("--endpoint must be an http:// or https:// URL");
    }
  }

  @Test
  void thePortMustBeAPortNumber() {
    assertUsage("--port must be 0 to 65535, not '65536'", "--local-server", "--port", "65536");
  }

  @Test
  void theLocalServerTakesNoClientOptions() {
    assertUsage(
        "--local-server does not take --name, --receive; it only serves",
        "--local-server",
        "--name",
        "q",
        "--receive");
  }

  @Test
  void portAndBindGoOnlyWithTheLocalServer() {
    assertUsage(
        "--port goes with --local-server", "--name", "q", "--client-name", "c", "--port", "1");
    assertUsage(
        "--port and --bind go with --local-server",
        "--name",
        "q",
        "--client-name",
        "c",
        "--port",
        "1",
        "--bind",
        "::");
  }

  /** Parses and validates as {@link QueueCommand} does, without running anything. */
  private static QueueOptions parse(String... args) {
    QueueOptions options = new QueueOptions();
    QueueOptions.commandLine(options).parseArgs(args);
    options.validate();
    return options;
  }

  private static void assertUsage(String message, String... args) {
    assertThatThrownBy(() -> parse(args))
        .isInstanceOf(ParameterException.class)
        .hasMessage(message);
  }
}

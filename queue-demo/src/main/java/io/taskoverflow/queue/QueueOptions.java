package io.taskoverflow.queue;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The command line of {@code queue}: publish, receive, or run the local SQS-compatible server.
 * Picocli reads it and prints the usage; {@link #validate} adds the rules between options, which
 * depend on the mode.
 */
@Command(
    name = "queue",
    synopsisHeading = "usage: ",
    customSynopsis = {
      "queue --name QUEUE --client-name NAME [--receive] [--count N] [--endpoint URL]",
      "       queue --local-server [--port N] [--bind ADDRESS]"
    },
    description = {
      "Publishes N numbered messages to an SQS queue, or with --receive prints them as they"
          + " arrive and stops after N. With --local-server it runs a local SQS-compatible server"
          + " (ElasticMQ) with the queues csse6400_prac and csse6400_prac.fifo."
    },
    footer = {
      "A QUEUE ending in .fifo is a FIFO queue. Without --endpoint the queue is on AWS, with the"
          + " region and credentials of the environment (AWS_REGION, AWS_ACCESS_KEY_ID, ...)."
    },
    descriptionHeading = "%n",
    optionListHeading = "%n",
    footerHeading = "%n",
    sortOptions = false,
    exitCodeOnInvalidInput = QueueFailure.USAGE)
public final class QueueOptions {

  /** What the command does. */
  public enum Mode {
    /** Send {@code count} numbered messages. */
    PUBLISH,
    /** Print messages as they arrive, delete them, and stop after {@code count}. */
    RECEIVE,
    /** Run ElasticMQ with the practical's two queues until stopped. */
    LOCAL_SERVER
  }

  // Which options belong to which mode; picocli's argument groups would word these errors its way.
  private static final List<String> CLIENT_OPTIONS =
      List.of("--name", "--client-name", "--receive", "--count", "--endpoint");
  private static final List<String> SERVER_OPTIONS = List.of("--port", "--bind");

  @Spec private CommandSpec spec;

  @Option(
      names = "--name",
      paramLabel = "QUEUE",
      order = 1,
      description = "the queue; a name ending in .fifo is a FIFO queue")
  private String queueName;

  @Option(
      names = "--client-name",
      paramLabel = "NAME",
      order = 2,
      description = "who publishes or receives, shown on every line")
  private String clientName;

  // Flags take no value: `--receive=false` would read as receiving.
  @Option(
      names = "--receive",
      arity = "0",
      order = 3,
      description = "print messages as they arrive, and delete them, instead of publishing")
  private boolean receive;

  // The checked options are set through methods given the text, so that a bad value gets the same
  // one message ("--count must be ...") whether it is out of range or no number at all.
  private int count;

  @Option(
      names = "--count",
      paramLabel = "N",
      defaultValue = "100",
      order = 4,
      description =
          "how many messages to publish, or after how many to stop receiving"
              + " (default: ${DEFAULT-VALUE})")
  private void count(String text) {
    count = number("--count", text, 1, Integer.MAX_VALUE);
  }

  private Optional<URI> endpoint = Optional.empty();

  @Option(
      names = "--endpoint",
      paramLabel = "URL",
      order = 5,
      description = {"an SQS endpoint instead of AWS, such as", "  http://127.0.0.1:9324"})
  private void endpoint(String text) {
    endpoint = Optional.of(httpUrl("--endpoint", text));
  }

  @Option(
      names = "--local-server",
      arity = "0",
      order = 6,
      description = "run ElasticMQ with the practical's two queues until stopped")
  private boolean localServer;

  private int port;

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "9324",
      order = 7,
      description = "the local server's port; 0 picks a free one (default: ${DEFAULT-VALUE})")
  private void port(String text) {
    port = number("--port", text, 0, 65_535);
  }

  private String bindAddress;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      order = 8,
      description = "the local server's address (default: ${DEFAULT-VALUE})")
  private void bindAddress(String text) {
    if (text.isBlank()) {
      throw usageError("--bind needs an address, such as 127.0.0.1 or 0.0.0.0");
    }
    bindAddress = text;
  }

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      order = 9,
      description = "print this usage")
  private boolean help;

  /**
   * A command line that reads the arguments into {@code options} and answers a usage error with one
   * line, the usage and {@link QueueFailure#USAGE}.
   */
  public static CommandLine commandLine(QueueOptions options) {
    // An option's value is never an option, not even a misspelt one: `--name --cuont 5` is refused.
    return new CommandLine(options)
        .setUnmatchedOptionsAllowedAsOptionParameters(false)
        .setParameterExceptionHandler(QueueOptions::printUsageError);
  }

  private static int printUsageError(ParameterException e, String[] args) {
    CommandLine commandLine = e.getCommandLine();
    commandLine.getErr().println(commandLine.getCommandName() + ": " + e.getMessage());
    commandLine.usage(commandLine.getErr());
    return commandLine.getCommandSpec().exitCodeOnInvalidInput();
  }

  /**
   * Checks what picocli cannot: which options go together.
   *
   * @throws ParameterException naming the first problem found (every missing option at once)
   */
  public void validate() {
    if (localServer) {
      List<String> misplaced = given(CLIENT_OPTIONS);
      if (!misplaced.isEmpty()) {
        throw usageError(
            "--local-server does not take " + String.join(", ", misplaced) + "; it only serves");
      }
      return;
    }
    List<String> misplaced = given(SERVER_OPTIONS);
    if (!misplaced.isEmpty()) {
      throw usageError(
          String.join(" and ", misplaced)
              + (misplaced.size() == 1 ? " goes" : " go")
              + " with --local-server");
    }
    List<String> missing = new ArrayList<>();
    if (queueName == null || queueName.isBlank()) {
      missing.add("--name");
    }
    if (clientName == null || clientName.isBlank()) {
      missing.add("--client-name");
    }
    if (!missing.isEmpty()) {
      throw usageError("missing " + String.join(" and ", missing));
    }
  }

  public Mode mode() {
    return localServer ? Mode.LOCAL_SERVER : receive ? Mode.RECEIVE : Mode.PUBLISH;
  }

  public String queueName() {
    return queueName;
  }

  public String clientName() {
    return clientName;
  }

  public int count() {
    return count;
  }

  public Optional<URI> endpoint() {
    return endpoint;
  }

  public String bindAddress() {
    return bindAddress;
  }

  public int port() {
    return port;
  }

  /** Whether the queue is a FIFO queue, which SQS decides by its name alone. */
  public boolean fifo() {
    return queueName != null && queueName.endsWith(".fifo");
  }

  private List<String> given(List<String> options) {
    return options.stream().filter(spec.commandLine().getParseResult()::hasMatchedOption).toList();
  }

  private int number(String option, String text, int min, int max) {
    try {
      int value = Integer.parseInt(text);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // falls through to the usage error below
    }
    String range = max == Integer.MAX_VALUE ? "a whole number from " + min : min + " to " + max;
    throw usageError(option + " must be " + range + ", not '" + text + "'");
  }

  private URI httpUrl(String option, String text) {
    try {
      URI uri = new URI(text);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // falls through to the usage error below
    }
    throw usageError(
        option
            + " must be an http:// or https:// URL such as http://localhost:9324, not '"
            + text
            + "'");
  }

  private ParameterException usageError(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}

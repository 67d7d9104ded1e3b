package io.taskoverflow.queue;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The command line of {@code queue}: publish, receive, or run the local SQS-compatible server.
 *
 * @param mode what to do
 * @param queueName the queue's name; a name ending in {@code .fifo} is a FIFO queue
 * @param clientName who is publishing or receiving, shown on every line
 * @param count how many messages to publish, or after how many received messages to stop
 * @param endpoint an SQS endpoint to use instead of AWS (for example the local server)
 * @param bindAddress the address the local server listens on
 * @param port the local server's port; 0 picks a free one
 */
public record QueueOptions(
    Mode mode,
    String queueName,
    String clientName,
    int count,
    Optional<URI> endpoint,
    String bindAddress,
    int port) {

  /** What the command does. */
  public enum Mode {
    /** Send {@code count} numbered messages. */
    PUBLISH,
    /** Print messages as they arrive, delete them, and stop after {@code count}. */
    RECEIVE,
    /** Run ElasticMQ with the practical's two queues until stopped. */
    LOCAL_SERVER
  }

  public static final int DEFAULT_COUNT = 100;
  public static final int DEFAULT_PORT = 9324;
  public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";

  public static final String USAGE =
      """
      usage: queue --name QUEUE --client-name NAME [--count N] [--endpoint URL]
                                                       publish N numbered messages (default 100)
             queue --name QUEUE --client-name NAME --receive [--count N] [--endpoint URL]
                                                       print messages as they arrive, stop after N
             queue --local-server [--port 9324] [--bind 127.0.0.1]
                                                       run a local SQS-compatible server (ElasticMQ)
                                                       with the queues csse6400_prac and csse6400_prac.fifo
      A QUEUE ending in .fifo is a FIFO queue. Without --endpoint the queue is on AWS, with the
      region and credentials of the environment (AWS_REGION, AWS_ACCESS_KEY_ID, ...).""";

  private static final Set<String> WITH_VALUE =
      Set.of("--name", "--client-name", "--count", "--endpoint", "--port", "--bind");
  private static final Set<String> FLAGS = Set.of("--receive", "--local-server");
  private static final List<String> CLIENT_OPTIONS =
      List.of("--name", "--client-name", "--receive", "--count", "--endpoint");
  private static final List<String> SERVER_OPTIONS = List.of("--port", "--bind");

  /**
   * Reads the arguments as given on the command line; {@code --option value} and {@code
   * --option=value} both work.
   *
   * @throws UsageException naming the first problem found (every missing option at once)
   */
  public static QueueOptions parse(String[] args) {
    Map<String, String> given = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String option = arg;
      String value = null;
      int equals = arg.indexOf('=');
      if (arg.startsWith("--") && equals > 0) {
        option = arg.substring(0, equals);
        value = arg.substring(equals + 1);
      }
      if (FLAGS.contains(option)) {
        if (value != null) {
          throw new UsageException(option + " takes no value");
        }
        value = "";
      } else if (WITH_VALUE.contains(option)) {
        if (value == null) {
          if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
            throw new UsageException(option + " needs a value");
          }
          value = args[++i];
        }
      } else if (arg.startsWith("-")) {
        throw new UsageException("unknown option '" + arg + "'");
      } else {
        throw new UsageException("unexpected argument '" + arg + "'");
      }
      if (given.put(option, value) != null) {
        throw new UsageException(option + " is given twice");
      }
    }
    return given.containsKey("--local-server") ? server(given) : client(given);
  }

  private static QueueOptions server(Map<String, String> given) {
    List<String> misplaced = present(given, CLIENT_OPTIONS);
    if (!misplaced.isEmpty()) {
      throw new UsageException(
          "--local-server does not take " + String.join(", ", misplaced) + "; it only serves");
    }
    int port = number(given, "--port", DEFAULT_PORT, 0, 65_535);
    String bind = given.getOrDefault("--bind", DEFAULT_BIND_ADDRESS);
    if (bind.isBlank()) {
      throw new UsageException("--bind needs an address, such as 127.0.0.1 or 0.0.0.0");
    }
    return new QueueOptions(Mode.LOCAL_SERVER, null, null, 0, Optional.empty(), bind, port);
  }

  private static QueueOptions client(Map<String, String> given) {
    List<String> misplaced = present(given, SERVER_OPTIONS);
    if (!misplaced.isEmpty()) {
      throw new UsageException(
          String.join(" and ", misplaced)
              + (misplaced.size() == 1 ? " goes" : " go")
              + " with --local-server");
    }
    List<String> missing = new ArrayList<>();
    for (String required : List.of("--name", "--client-name")) {
      if (given.getOrDefault(required, "").isBlank()) {
        missing.add(required);
      }
    }
    if (!missing.isEmpty()) {
      throw new UsageException("missing " + String.join(" and ", missing));
    }
    Mode mode = given.containsKey("--receive") ? Mode.RECEIVE : Mode.PUBLISH;
    int count = number(given, "--count", DEFAULT_COUNT, 1, Integer.MAX_VALUE);
    Optional<URI> endpoint = Optional.ofNullable(given.get("--endpoint")).map(QueueOptions::url);
    return new QueueOptions(
        mode,
        given.get("--name"),
        given.get("--client-name"),
        count,
        endpoint,
        DEFAULT_BIND_ADDRESS,
        DEFAULT_PORT);
  }

  /** Whether the queue is a FIFO queue, which SQS decides by its name alone. */
  public boolean fifo() {
    return queueName != null && queueName.endsWith(".fifo");
  }

  private static List<String> present(Map<String, String> given, List<String> options) {
    return options.stream().filter(given::containsKey).toList();
  }

  private static int number(
      Map<String, String> given, String option, int fallback, int min, int max) {
    String text = given.get(option);
    if (text == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // falls through to the usage error below
    }
    String range = max == Integer.MAX_VALUE ? "a whole number from " + min : min + " to " + max;
    throw new UsageException(option + " must be " + range + ", not '" + text + "'");
  }

  private static URI url(String text) {
    try {
      URI uri = new URI(text);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // falls through to the usage error below
    }
    throw new UsageException(
        "--endpoint must be an http:// or https:// URL such as http://localhost:9324, not '"
            + text
            + "'");
  }
}

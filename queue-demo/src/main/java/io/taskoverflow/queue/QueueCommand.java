package io.taskoverflow.queue;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import picocli.CommandLine;
import software.amazon.awssdk.services.sqs.SqsClient;

/** One run of {@code queue}: parses the options, does the work, and answers an exit code. */
public final class QueueCommand {

  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> env;
  private final Clock clock;
  private final Consumer<Runnable> onExit;

  /**
   * @param env the environment, for the region and credentials
   * @param onExit registers what to do when the JVM is stopped (Ctrl-C): print the receive summary
   */
  public QueueCommand(
      PrintStream out,
      PrintStream err,
      Map<String, String> env,
      Clock clock,
      Consumer<Runnable> onExit) {
    this.out = out;
    this.err = err;
    this.env = env;
    this.clock = clock;
    this.onExit = onExit;
  }

  public int run(String[] args) {
    QueueOptions options = new QueueOptions();
    CommandLine commandLine =
        QueueOptions.commandLine(options)
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true));
    // Picocli answers --help; any other command line runs here, with this run's streams and env.
    commandLine.setExecutionStrategy(
        parsed -> {
          Integer help = CommandLine.executeHelpRequest(parsed);
          return help != null ? help : run(options);
        });
    return commandLine.execute(args);
  }

  private int run(QueueOptions options) {
    options.validate();
    try {
      return switch (options.mode()) {
        case PUBLISH -> publish(options);
        case RECEIVE -> receive(options);
        case LOCAL_SERVER -> serve(options);
      };
    } catch (QueueFailure failure) {
      return fail(failure);
    }
  }

  private int publish(QueueOptions options) {
    SqsSettings settings = SqsSettings.fromEnv(options.endpoint(), env);
    try (SqsClient sqs = SqsClients.create(settings)) {
      String queueUrl = queueUrl(sqs, options);
      long start = System.nanoTime();
      new Publisher(
              sqs, queueUrl, options.fifo(), options.clientName(), UUID.randomUUID().toString())
          .publish(options.count());
      double seconds = (System.nanoTime() - start) / 1e9;
      out.printf(
          Locale.ROOT,
          "%s sent %d messages to %s in %.2f s%n",
          options.clientName(),
          options.count(),
          options.queueName(),
          seconds);
      return 0;
    } catch (RuntimeException e) {
      return fail(Failures.describe(e, settings, options.queueName()));
    }
  }

  private int receive(QueueOptions options) {
    SqsSettings settings = SqsSettings.fromEnv(options.endpoint(), env);
    try (SqsClient sqs = SqsClients.create(settings)) {
      String queueUrl = queueUrl(sqs, options);
      ReceiveSummary summary = new ReceiveSummary();
      AtomicBoolean summarised = new AtomicBoolean();
      Runnable printSummary =
          () -> {
            if (summarised.compareAndSet(false, true)) {
              out.println(summary.describe(options.clientName(), options.queueName()));
            }
          };
      onExit.accept(printSummary);
      out.println(
          options.clientName()
              + " is waiting for "
              + options.count()
              + " messages on "
              + options.queueName()
              + " at "
              + settings.describe());
      new Subscriber(sqs, queueUrl, out, err, clock).receive(options.count(), summary);
      printSummary.run();
      return 0;
    } catch (RuntimeException e) {
      return fail(Failures.describe(e, settings, options.queueName()));
    }
  }

  private int serve(QueueOptions options) {
    // No shutdown hook: the queues are in memory and die with the JVM; a graceful stop would wait
    // for the long polls of subscribers still connected.
    LocalSqs local = LocalSqs.start(options.bindAddress(), options.port());
    out.println(
        "Local SQS server (ElasticMQ, in memory) at "
            + local.endpoint()
            + " with queues "
            + String.join(" and ", LocalSqs.PRACTICAL_QUEUES)
            + "; Ctrl-C stops it");
    out.println("Publish and receive with --endpoint " + local.endpoint());
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    local.close();
    return 0;
  }

  private static String queueUrl(SqsClient sqs, QueueOptions options) {
    return sqs.getQueueUrl(request -> request.queueName(options.queueName())).queueUrl();
  }

  private int fail(QueueFailure failure) {
    err.println("queue: " + failure.getMessage());
    return failure.exitCode();
  }
}

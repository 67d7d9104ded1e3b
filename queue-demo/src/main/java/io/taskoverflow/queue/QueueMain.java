package io.taskoverflow.queue;

import java.time.Clock;

/** {@code queue}: the practical's SQS publisher and subscriber, and a local SQS server. */
public final class QueueMain {

  private QueueMain() {}

  public static void main(String[] args) {
    QueueCommand command =
        new QueueCommand(
            System.out,
            System.err,
            System.getenv(),
            Clock.systemDefaultZone(),
            action -> Runtime.getRuntime().addShutdownHook(new Thread(action, "queue-exit")));
    System.exit(command.run(args));
  }
}

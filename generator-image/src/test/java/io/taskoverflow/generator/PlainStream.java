package io.taskoverflow.generator;

import java.sql.Connection;
import java.time.Clock;

/**
 * The benchmark's yardstick, run as its own process like the generator: the same connection
 * settings and cursor query, every row mapped to a {@link Todo}, nothing written. Prints {@code
 * plain: <rows> rows in <ms> ms}, the time from before connecting to after the commit.
 */
public final class PlainStream {

  private PlainStream() {}

  public static void main(String[] args) throws Exception {
    long started = System.nanoTime();
    GeneratorConfig config = GeneratorConfig.fromEnv(System.getenv());
    long rows = stream(config);
    System.out.printf("plain: %d rows in %d ms%n", rows, (System.nanoTime() - started) / 1_000_000);
  }

  static long stream(GeneratorConfig config) throws Exception {
    long[] titleChars = {0};
    try (Connection connection = Database.connect(config)) {
      connection.setAutoCommit(false);
      connection.setReadOnly(true);
      long rows =
          new TodoQuery(config.filter(), Clock.systemDefaultZone())
              .forEach(connection, todo -> titleChars[0] += todo.title().length());
      connection.commit();
      return titleChars[0] >= 0 ? rows : -1;
    }
  }
}

package io.taskoverflow.schema;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * One {@link RestartablePostgres} for a test class ({@code @RegisterExtension static}), started
 * before its first test in a temporary directory that goes with it afterwards, unless a test
 * failed: the directory holds PostgreSQL's log.
 */
public class RestartablePostgresPerClass
    implements BeforeAllCallback, AfterAllCallback, TestWatcher {

  private Path dataDirectory;
  private RestartablePostgres postgres;
  private boolean failed;

  public RestartablePostgres get() {
    if (postgres == null) {
      throw new IllegalStateException("register this as a static extension of the test class");
    }
    return postgres;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    dataDirectory = Files.createTempDirectory("restartable-postgres");
    postgres = RestartablePostgres.start(dataDirectory);
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    failed = true;
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (postgres != null) {
      postgres.close();
    }
    if (failed || context.getExecutionException().isPresent()) {
      System.err.println("PostgreSQL's data and log kept in " + dataDirectory);
      return;
    }
    try (Stream<Path> paths = Files.walk(dataDirectory)) {
      paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    }
  }
}

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

/**
 * One {@link RestartablePostgres} for a test class ({@code @RegisterExtension static}), started
 * before its first test in a temporary directory that goes with it afterwards.
 */
public final class RestartablePostgresPerClass implements BeforeAllCallback, AfterAllCallback {

  private Path dataDirectory;
  private RestartablePostgres postgres;

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
  public void afterAll(ExtensionContext context) throws IOException {
    if (postgres != null) {
      postgres.close();
    }
    try (Stream<Path> paths = Files.walk(dataDirectory)) {
      paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    }
  }
}

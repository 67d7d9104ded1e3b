package io.taskoverflow.api.db;

import io.taskoverflow.schema.RestartablePostgres;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link RestartablePostgres} of the test class's own ({@code @RegisterExtension static}, ordered
 * before the api-server that uses it), for tests that stop or freeze it; closed after the class.
 */
final class OwnPostgres implements BeforeAllCallback, AfterAllCallback {

  private final Supplier<Path> directory;
  private RestartablePostgres postgres;

  /** In this directory, asked for when the class starts (when JUnit has set its @TempDir). */
  OwnPostgres(Supplier<Path> directory) {
    this.directory = directory;
  }

  RestartablePostgres get() {
    return postgres;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    postgres = RestartablePostgres.start(directory.get());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (postgres != null) {
      postgres.close();
    }
  }
}

package io.taskoverflow.api.db;

import io.taskoverflow.api.TestApi;
import io.taskoverflow.schema.RestartablePostgres;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link RestartablePostgres} of the test class's own ({@code @RegisterExtension static}), for
 * tests that stop or freeze it, with the api-server under test on it ({@link #api}).
 */
final class OwnPostgres implements BeforeAllCallback, AfterAllCallback {

  private final Supplier<Path> directory;
  private RestartablePostgres postgres;
  private TestApi api;

  /** In this directory, asked for when the class starts (when JUnit has set its @TempDir). */
  OwnPostgres(Supplier<Path> directory) {
    this.directory = directory;
  }

  /** The api-server on it, with these variables as well: started after it, stopped before it. */
  TestApi api(Map<String, String> overrides) {
    api =
        TestApi.perClass(
            () -> {
              Map<String, String> env = new HashMap<>(overrides);
              env.put("DB_URL", postgres.jdbcUrl());
              return env;
            });
    return api;
  }

  RestartablePostgres get() {
    return postgres;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    postgres = RestartablePostgres.start(directory.get());
    if (api != null) {
      api.beforeAll(context);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    try {
      if (api != null) {
        api.afterAll(context);
      }
    } finally {
      if (postgres != null) {
        postgres.close();
      }
    }
  }
}

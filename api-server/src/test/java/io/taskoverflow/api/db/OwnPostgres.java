package io.taskoverflow.api.db;

import io.taskoverflow.api.TestApi;
import io.taskoverflow.schema.RestartablePostgresPerClass;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A PostgreSQL of the test class's own ({@code @RegisterExtension static}), for tests that stop or
 * freeze it, with the api-server under test on it ({@link #api}).
 */
final class OwnPostgres extends RestartablePostgresPerClass {

  private TestApi api;

  /** The api-server on it, with these variables as well: started after it, stopped before it. */
  TestApi api(Map<String, String> overrides) {
    api =
        TestApi.perClass(
            () -> {
              Map<String, String> env = new HashMap<>(overrides);
              env.put("DB_URL", get().jdbcUrl());
              return env;
            });
    return api;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    super.beforeAll(context);
    if (api != null) {
      api.beforeAll(context);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    try {
      if (api != null) {
        api.afterAll(context);
      }
    } finally {
      super.afterAll(context);
    }
  }
}

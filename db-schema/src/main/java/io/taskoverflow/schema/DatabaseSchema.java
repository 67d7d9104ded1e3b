package io.taskoverflow.schema;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings a database up to the current schema. Flyway holds a PostgreSQL advisory lock while it
 * migrates, so replicas starting at once apply each migration exactly once.
 */
public final class DatabaseSchema {

  private DatabaseSchema() {}

  public static MigrateResult migrate(DataSource dataSource) {
    return Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .load()
        .migrate();
  }
}

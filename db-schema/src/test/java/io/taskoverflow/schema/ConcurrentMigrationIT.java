package io.taskoverflow.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import javax.sql.DataSource;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

/** Two api-server replicas starting at once on an empty database. */
class ConcurrentMigrationIT {

  @Test
  void twoReplicasMigratingAtOnceApplyEachMigrationExactlyOnce() throws Exception {
    DataSource fresh = freshDatabase("two_replicas");
    CyclicBarrier together = new CyclicBarrier(2);

    List<CompletableFuture<MigrateResult>> replicas = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      replicas.add(
          CompletableFuture.supplyAsync(
              () -> {
                await(together);
                return DatabaseSchema.migrate(fresh);
              }));
    }
    int applied = 0;
    for (CompletableFuture<MigrateResult> replica : replicas) {
      applied += replica.get().migrationsExecuted;
    }

    List<String> history = successfulVersions(fresh);
    assertThat(history).doesNotHaveDuplicates().isNotEmpty();
    assertThat(applied)
        .as("migrations applied by both replicas together")
        .isEqualTo(history.size());
  }

  private static DataSource freshDatabase(String name) throws SQLException {
    try (Connection connection = TestDatabase.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + name);
      statement.execute("CREATE DATABASE " + name);
    }
    return TestDatabase.postgres().getDatabase("postgres", name);
  }

  private static List<String> successfulVersions(DataSource dataSource) throws SQLException {
    List<String> versions = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        ResultSet rows =
            connection
                .createStatement()
                .executeQuery(
                    "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL"
                        + " ORDER BY installed_rank")) {
      while (rows.next()) {
        versions.add(rows.getString(1));
      }
    }
    return versions;
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}

package io.taskoverflow.operator.feed;

import io.taskoverflow.calendars.StoredCalendars;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * {@link TodoRevisions} on db-schema's todo_revision (V5, V6) and, through {@link StoredCalendars},
 * calendar_results.
 */
public final class JdbcTodoRevisions implements TodoRevisions {

  private static final String CURRENT =
      "SELECT revision, (extract(epoch FROM now() - changed_at) * 1000)::bigint FROM todo_revision";

  private final DataSource dataSource;

  public JdbcTodoRevisions(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public TodoState current() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement(CURRENT);
        ResultSet row = query.executeQuery()) {
      if (!row.next()) {
        throw new FeedException("todo_revision has no row: is the schema migrated?", null);
      }
      return new TodoState(row.getLong(1), Duration.ofMillis(Math.max(0, row.getLong(2))));
    } catch (SQLException e) {
      throw new FeedException("could not read the todos' revision", e);
    }
  }

  @Override
  public OptionalLong ofCalendar(UUID exportUid) {
    try (Connection connection = dataSource.getConnection()) {
      return new StoredCalendars(connection).todoRevision(exportUid);
    } catch (SQLException e) {
      throw new FeedException("could not read the revision of calendar " + exportUid, e);
    }
  }
}

package io.taskoverflow.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskoverflow.schema.TestDatabase;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TodoQueryIT {

  private static final Clock NOW =
      Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
  private static final LocalDateTime NOW_LOCAL = LocalDateTime.of(2026, 3, 1, 12, 0);

  private long overdueOpen;
  private long inTwoDaysDone;
  private long inTenDaysOpen;
  private long noDeadlineDone;
  private long exactlyAtWindowEnd;

  @BeforeEach
  void todos() {
    TestDatabase.reset();
    inTenDaysOpen = TodoTable.insert("ten days", null, false, NOW_LOCAL.plusDays(10));
    overdueOpen = TodoTable.insert("overdue", "late", false, NOW_LOCAL.minusDays(30));
    noDeadlineDone = TodoTable.insert("whenever", null, true, null);
    inTwoDaysDone = TodoTable.insert("two days", null, true, NOW_LOCAL.plusDays(2));
    exactlyAtWindowEnd = TodoTable.insert("edge", null, false, NOW_LOCAL.plusDays(7));
  }

  @Test
  void withoutFiltersEveryTodoComesInAscendingIdOrder() throws Exception {
    assertThat(ids(TodoFilter.ALL))
        .containsExactly(
            inTenDaysOpen, overdueOpen, noDeadlineDone, inTwoDaysDone, exactlyAtWindowEnd);
  }

  @Test
  void theCompletedFilterKeepsOnlyThatState() throws Exception {
    assertThat(ids(new TodoFilter(true, null))).containsExactly(noDeadlineDone, inTwoDaysDone);
    assertThat(ids(new TodoFilter(false, null)))
        .containsExactly(inTenDaysOpen, overdueOpen, exactlyAtWindowEnd);
  }

  @Test
  void theWindowKeepsOverdueAndDueSoonButNeverTodosWithoutDeadline() throws Exception {
    assertThat(ids(new TodoFilter(null, 7)))
        .containsExactly(overdueOpen, inTwoDaysDone, exactlyAtWindowEnd);
    assertThat(ids(new TodoFilter(null, 0))).containsExactly(overdueOpen);
  }

  @Test
  void theFiltersCombine() throws Exception {
    assertThat(ids(new TodoFilter(false, 7))).containsExactly(overdueOpen, exactlyAtWindowEnd);
  }

  @Test
  void aHugeWindowDoesNotOverflowPostgresTimestamps() throws Exception {
    assertThat(ids(new TodoFilter(null, Integer.MAX_VALUE))).hasSize(4);
  }

  @Test
  void rowsAreMappedCompletely() throws Exception {
    List<Todo> todos = new ArrayList<>();
    try (Connection connection = TestDatabase.dataSource().getConnection()) {
      connection.setAutoCommit(false);
      new TodoQuery(new TodoFilter(false, 0), NOW).forEach(connection, todos::add);
    }

    assertThat(todos)
        .containsExactly(new Todo(overdueOpen, "overdue", "late", false, NOW_LOCAL.minusDays(30)));
  }

  @Test
  void anAutocommitConnectionIsRefusedBecauseItWouldLoadEveryRow() throws SQLException {
    try (Connection connection = TestDatabase.dataSource().getConnection()) {
      connection.setAutoCommit(true);

      assertThatThrownBy(() -> new TodoQuery(TodoFilter.ALL, NOW).forEach(connection, t -> {}))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  private static List<Long> ids(TodoFilter filter) throws SQLException, IOException {
    List<Long> ids = new ArrayList<>();
    try (Connection connection = TestDatabase.dataSource().getConnection()) {
      connection.setAutoCommit(false);
      long count = new TodoQuery(filter, NOW).forEach(connection, todo -> ids.add(todo.id()));
      assertThat(count).isEqualTo(ids.size());
    }
    return ids;
  }
}

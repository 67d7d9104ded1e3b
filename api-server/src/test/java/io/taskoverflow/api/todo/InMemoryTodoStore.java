package io.taskoverflow.api.todo;

import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Todos in a map, with ids and timestamps assigned as the todos table assigns them. While {@link
 * #becomeUnreachable unreachable} it fails as {@link TodoRepository} does when no connection can be
 * had, which the database gate answers with 503.
 */
public final class InMemoryTodoStore implements TodoStore {

  private final Clock clock;
  private final Map<Integer, Todo> todos = new TreeMap<>();
  private int lastId;
  private boolean unreachable;

  public InMemoryTodoStore(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized List<Todo> list(TodoFilter filter) {
    ensureReachable();
    LocalDateTime now = now();
    return todos.values().stream()
        .filter(todo -> filter.completed() == null || todo.completed() == filter.completed())
        .filter(todo -> filter.windowDays() == null || dueWithin(todo, now, filter.windowDays()))
        .toList();
  }

  private static boolean dueWithin(Todo todo, LocalDateTime now, long days) {
    return todo.deadlineAt() != null && !todo.deadlineAt().isAfter(now.plusDays(days));
  }

  @Override
  public synchronized Optional<Todo> find(int id) {
    ensureReachable();
    return Optional.ofNullable(todos.get(id));
  }

  @Override
  public synchronized Todo create(NewTodo todo) {
    ensureReachable();
    LocalDateTime now = now();
    Todo created =
        new Todo(
            ++lastId,
            todo.title(),
            todo.description(),
            todo.completed(),
            todo.deadlineAt(),
            now,
            now);
    todos.put(created.id(), created);
    return created;
  }

  @Override
  public synchronized Optional<Todo> update(int id, TodoChanges changes) {
    ensureReachable();
    Todo old = todos.get(id);
    if (old == null) {
      return Optional.empty();
    }
    Todo updated =
        new Todo(
            id,
            changes.title() != null ? changes.title() : old.title(),
            changes.descriptionSet() ? changes.description() : old.description(),
            changes.completed() != null ? changes.completed() : old.completed(),
            changes.deadlineSet() ? changes.deadlineAt() : old.deadlineAt(),
            old.createdAt(),
            now());
    todos.put(id, updated);
    return Optional.of(updated);
  }

  @Override
  public synchronized Optional<Todo> delete(int id) {
    ensureReachable();
    return Optional.ofNullable(todos.remove(id));
  }

  /** Every todo, as a test's look into the table. */
  public synchronized List<Todo> all() {
    return List.copyOf(todos.values());
  }

  public synchronized void becomeUnreachable() {
    unreachable = true;
  }

  private void ensureReachable() {
    if (unreachable) {
      // What Hikari throws when no connection comes within its timeout.
      throw new TodoStoreException(
          "could not reach the database",
          new SQLTransientConnectionException("Connection is not available, request timed out"));
    }
  }

  // As the todos table: microseconds.
  private LocalDateTime now() {
    return LocalDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
  }
}

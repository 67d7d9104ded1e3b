package io.taskoverflow.api.todo;

import java.util.List;
import java.util.Optional;

/** Where the todo routes keep todos; {@link TodoRepository} keeps them in PostgreSQL. */
public interface TodoStore {

  /** The todos the filter keeps, in ascending id order. */
  List<Todo> list(TodoFilter filter);

  Optional<Todo> find(int id);

  /** Stores the todo with a new id, stamping both timestamps. */
  Todo create(NewTodo todo);

  /** Applies the changes and stamps {@code updated_at}; empty when there is no such todo. */
  Optional<Todo> update(int id, TodoChanges changes);

  /** Deletes and returns the todo; empty when there was none. */
  Optional<Todo> delete(int id);
}

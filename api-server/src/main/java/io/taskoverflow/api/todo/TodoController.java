package io.taskoverflow.api.todo;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.taskoverflow.api.web.ApiError;
import io.taskoverflow.api.web.JsonBodies;
import java.util.Map;

/** HTTP for the todo API (docs/api.md); validation and storage live elsewhere. */
public record TodoController(TodoStore todos, TodoBodyValidator validator, JsonBodies bodies) {

  private static final String NOT_FOUND = "Todo not found";

  public void list(Context ctx) {
    TodoFilter filter = TodoFilter.fromQuery(ctx.queryParamMap());
    ctx.json(todos.list(filter));
  }

  public void get(Context ctx) {
    ctx.json(todos.find(id(ctx)).orElseThrow(() -> ApiError.notFound(NOT_FOUND)));
  }

  public void create(Context ctx) {
    NewTodo todo = validator.newTodo(bodies.object(ctx));
    ctx.status(HttpStatus.CREATED).json(todos.create(todo));
  }

  public void update(Context ctx) {
    int id = id(ctx);
    TodoChanges changes = validator.changes(bodies.object(ctx));
    ctx.json(todos.update(id, changes).orElseThrow(() -> ApiError.notFound(NOT_FOUND)));
  }

  /** Deleting what is not there is not an error: the result the client wanted holds. */
  public void delete(Context ctx) {
    int id = id(ctx);
    ctx.json(todos.delete(id).<Object>map(todo -> todo).orElse(Map.of()));
  }

  /**
   * Ids are positive integers written the one canonical way: {@code 01}, {@code +1} or {@code " 1"}
   * name no todo (404), as anything else that is not an id.
   */
  private static int id(Context ctx) {
    String raw = ctx.pathParam("id");
    if (!raw.matches("0|[1-9][0-9]{0,9}") || Long.parseLong(raw) > Integer.MAX_VALUE) {
      throw ApiError.notFound(NOT_FOUND);
    }
    return Integer.parseInt(raw);
  }
}

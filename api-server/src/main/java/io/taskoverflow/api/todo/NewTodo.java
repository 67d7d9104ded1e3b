package io.taskoverflow.api.todo;

import java.time.LocalDateTime;

/** A validated request to create a todo. */
public record NewTodo(
    String title, String description, boolean completed, LocalDateTime deadlineAt) {}

package io.taskoverflow.generator;

import java.time.LocalDateTime;

/** One row of the todos table, as much of it as a calendar needs. */
record Todo(
    long id, String title, String description, boolean completed, LocalDateTime deadlineAt) {}

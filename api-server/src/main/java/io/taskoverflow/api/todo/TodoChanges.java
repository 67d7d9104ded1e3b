package io.taskoverflow.api.todo;

import java.time.LocalDateTime;

/**
 * A validated partial update. Nullable fields need a "set" flag because setting them to null (clear
 * the description) differs from leaving them out.
 */
public record TodoChanges(
    String title,
    boolean descriptionSet,
    String description,
    Boolean completed,
    boolean deadlineSet,
    LocalDateTime deadlineAt) {}

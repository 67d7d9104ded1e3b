package io.taskoverflow.api.todo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.taskoverflow.api.web.JsonFields;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

/**
 * Turns a JSON object into a {@link NewTodo} or {@link TodoChanges}, or fails with one 400 that
 * names every problem. Nothing reaches the database unless the whole body is valid.
 */
public class TodoBodyValidator {

  public static final int TITLE_MAX = 80;
  public static final int DESCRIPTION_MAX = 120;

  static final List<String> FIELDS = List.of("title", "description", "completed", "deadline_at");

  private final ZoneId localZone;

  public TodoBodyValidator(ZoneId localZone) {
    this.localZone = localZone;
  }

  public NewTodo newTodo(ObjectNode body) {
    JsonFields fields = new JsonFields(body, FIELDS);
    if (!fields.has("title")) {
      fields.problem("title is required");
    }
    String title = fields.string("title", false, true, TITLE_MAX);
    String description = fields.string("description", true, false, DESCRIPTION_MAX);
    Boolean completed = fields.bool("completed", false);
    LocalDateTime deadline = deadline(body, fields);
    fields.throwIfInvalid();
    return new NewTodo(title, description, completed != null && completed, deadline);
  }

  public TodoChanges changes(ObjectNode body) {
    JsonFields fields = new JsonFields(body, FIELDS);
    String title = fields.string("title", false, true, TITLE_MAX);
    String description = fields.string("description", true, false, DESCRIPTION_MAX);
    Boolean completed = fields.bool("completed", false);
    LocalDateTime deadline = deadline(body, fields);
    fields.throwIfInvalid();
    return new TodoChanges(
        title,
        fields.has("description"),
        description,
        completed,
        fields.has("deadline_at"),
        deadline);
  }

  private LocalDateTime deadline(ObjectNode body, JsonFields fields) {
    // Length is irrelevant for a timestamp; the parser decides.
    String text = fields.string("deadline_at", true, false, Integer.MAX_VALUE);
    if (text == null) {
      return null;
    }
    return IsoTimestamps.parse(text, localZone)
        .orElseGet(
            () -> {
              fields.problem(
                  "deadline_at must be a date and time such as 2026-04-03T14:00:00 or"
                      + " 2026-04-03 14:00:00.000, got '"
                      + body.get("deadline_at").textValue()
                      + "'");
              return null;
            });
  }
}

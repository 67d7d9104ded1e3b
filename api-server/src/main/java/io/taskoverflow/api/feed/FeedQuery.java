package io.taskoverflow.api.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.taskoverflow.api.export.ExportRequestValidator;
import io.taskoverflow.api.web.ApiError;
import io.taskoverflow.model.feed.CalendarFeedSpec;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The feed's options from its query string: the names, types and bounds of the export body ({@code
 * calendar_name}, {@code completed}, {@code window}, {@code component}), so a feed URL and an
 * export request mean the same calendar.
 */
public final class FeedQuery {

  /** The feed link's key, for clients that cannot authenticate otherwise; not an option. */
  public static final String KEY = "key";

  private final ExportRequestValidator validator = new ExportRequestValidator();

  public CalendarFeedSpec parse(Map<String, List<String>> query) {
    TreeSet<String> unknown = new TreeSet<>(query.keySet());
    unknown.removeAll(ExportRequestValidator.FIELDS);
    unknown.remove(KEY);
    if (!unknown.isEmpty()) {
      throw ApiError.badRequest(
          "Unknown query parameter "
              + String.join(", ", unknown)
              + "; a feed takes "
              + String.join(", ", ExportRequestValidator.FIELDS));
    }
    ObjectNode options = JsonNodeFactory.instance.objectNode();
    query.forEach(
        (name, values) -> {
          if (values.size() != 1) {
            throw ApiError.badRequest("Query parameter " + name + " is given more than once");
          }
          if (!name.equals(KEY)) {
            options.set(name, typed(name, values.get(0)));
          }
        });
    return CalendarFeedSpec.of(validator.parse(options).toSpec());
  }

  /** As JSON would carry it, so the export body's rules apply; a query value is always text. */
  private static JsonNode typed(String name, String value) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    if (name.equals("completed")) {
      if (!value.equals("true") && !value.equals("false")) {
        throw ApiError.badRequest("completed must be true or false, got '" + value + "'");
      }
      return json.booleanNode(Boolean.parseBoolean(value));
    }
    if (name.equals("window")) {
      if (!value.matches("\\d{1,9}")) {
        throw ExportRequestValidator.invalidWindow(value);
      }
      return json.numberNode(Integer.parseInt(value));
    }
    return json.textNode(value);
  }
}

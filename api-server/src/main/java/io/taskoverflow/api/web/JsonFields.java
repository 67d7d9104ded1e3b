package io.taskoverflow.api.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads typed fields from a JSON object and collects every problem, so that one 400 response names
 * all of them. Readers return {@code null} for a field that is absent, null or invalid; callers ask
 * {@link #has} and {@link #isNull} when the difference matters.
 */
public final class JsonFields {

  private final ObjectNode object;
  private final List<String> problems = new ArrayList<>();

  public JsonFields(ObjectNode object, List<String> allowedFields) {
    this.object = object;
    Set<String> unknown = new TreeSet<>();
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowedFields.contains(name)) {
        unknown.add(name);
      }
    }
    if (!unknown.isEmpty()) {
      problems.add(
          (unknown.size() == 1 ? "Unknown field " : "Unknown fields ")
              + String.join(", ", quoted(unknown))
              + " (allowed: "
              + String.join(", ", allowedFields)
              + ")");
    }
  }

  public boolean has(String field) {
    return object.has(field);
  }

  public boolean isNull(String field) {
    return object.has(field) && object.get(field).isNull();
  }

  /** A string field; {@code null} is accepted only when nullable. Lengths count characters. */
  public String string(String field, boolean nullable, boolean notBlank, int maxLength) {
    JsonNode node = given(field, nullable);
    if (node == null) {
      return null;
    }
    if (!node.isTextual()) {
      mustBe(field, "a string", nullable, JsonTypes.describe(node));
      return null;
    }
    String value = node.textValue();
    int length = value.codePointCount(0, value.length());
    if (notBlank && VisibleText.isBlank(value)) {
      problem(field + " must not be blank");
    } else if (length > maxLength) {
      problem(field + " must be at most " + maxLength + " characters long (it has " + length + ")");
    } else if (!Storable.isStorable(value)) {
      problem(
          field + " contains a NUL character or a broken surrogate pair, which cannot be stored");
    } else {
      return value;
    }
    return null;
  }

  /** A boolean field; {@code null} is accepted only when nullable. */
  public Boolean bool(String field, boolean nullable) {
    JsonNode node = given(field, nullable);
    if (node == null) {
      return null;
    }
    if (!node.isBoolean()) {
      mustBe(field, "true or false", nullable, JsonTypes.describe(node));
      return null;
    }
    return node.booleanValue();
  }

  /** A whole number within bounds; {@code null} is accepted only when nullable. */
  public Integer integer(String field, boolean nullable, int min, int max) {
    JsonNode node = given(field, nullable);
    if (node == null) {
      return null;
    }
    if (!node.isIntegralNumber()
        || !node.canConvertToInt()
        || node.intValue() < min
        || node.intValue() > max) {
      mustBe(field, "a whole number from " + min + " to " + max, nullable, display(node));
      return null;
    }
    return node.intValue();
  }

  public void problem(String message) {
    problems.add(message);
  }

  /** Throws one 400 naming every problem found so far. */
  public void throwIfInvalid() {
    if (!problems.isEmpty()) {
      throw ApiError.badRequest(String.join("; ", problems));
    }
  }

  /** The field's node; null when it is absent, or null and may be. */
  private JsonNode given(String field, boolean nullable) {
    JsonNode node = object.get(field);
    return node == null || (node.isNull() && nullable) ? null : node;
  }

  private void mustBe(String field, String what, boolean nullable, String actual) {
    problem(field + " must be " + what + (nullable ? " or null" : "") + ", not " + actual);
  }

  private static String display(JsonNode node) {
    return node.isNumber() ? node.asText() : JsonTypes.describe(node);
  }

  private static List<String> quoted(Set<String> names) {
    return names.stream().map(name -> "'" + name + "'").toList();
  }
}

package io.taskoverflow.api.web;

import com.fasterxml.jackson.databind.JsonNode;

/** Names JSON values the way an error message should. */
final class JsonTypes {

  private JsonTypes() {}

  static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> "an unsupported value";
    };
  }
}

package io.taskoverflow.operator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads typed variables and collects every problem, so start-up fails once naming them all. */
final class EnvReader {

  private final Map<String, String> env;
  private final List<String> missing = new ArrayList<>();
  private final List<String> malformed = new ArrayList<>();

  EnvReader(Map<String, String> env) {
    this.env = env;
  }

  String required(String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      missing.add(name);
      return null;
    }
    return value.strip();
  }

  /** Present, possibly empty: an empty database password is legitimate (trust authentication). */
  String requiredMayBeEmpty(String name) {
    String value = env.get(name);
    if (value == null) {
      missing.add(name);
    }
    return value;
  }

  String optional(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value.strip();
  }

  String text(String name, String fallback) {
    String value = optional(name);
    return value == null ? fallback : value;
  }

  long number(String name, long fallback, long min, long max) {
    String value = optional(name);
    if (value == null) {
      return fallback;
    }
    try {
      long parsed = Long.parseLong(value);
      if (parsed < min || parsed > max) {
        malformed.add(name + " must be between " + min + " and " + max + ", was " + value);
      }
      return parsed;
    } catch (NumberFormatException e) {
      malformed.add(name + " must be a whole number, was '" + value + "'");
      return fallback;
    }
  }

  boolean bool(String name, boolean fallback) {
    String value = optional(name);
    if (value == null) {
      return fallback;
    }
    if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
      malformed.add(name + " must be true or false, was '" + value + "'");
      return fallback;
    }
    return Boolean.parseBoolean(value);
  }

  void problem(String description) {
    malformed.add(description);
  }

  void failOnProblems() {
    List<String> problems = new ArrayList<>();
    if (!missing.isEmpty()) {
      problems.add("missing required environment variables: " + String.join(", ", missing));
    }
    problems.addAll(malformed);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "Invalid operator configuration: " + String.join("; ", problems));
    }
  }
}

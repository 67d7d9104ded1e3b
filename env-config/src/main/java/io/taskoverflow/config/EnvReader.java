package io.taskoverflow.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a deployable's typed environment variables and collects every problem, so that start-up
 * fails once, naming all of them. Used by the api-server, the operator and the generator alike.
 */
public final class EnvReader {

  private final String component;
  private final Map<String, String> env;
  private final List<String> missing = new ArrayList<>();
  private final List<String> malformed = new ArrayList<>();

  /** {@code component} names the deployable in the error message, e.g. "operator". */
  public EnvReader(String component, Map<String, String> env) {
    this.component = component;
    this.env = env;
  }

  /** A value that must be present and not blank; stripped. */
  public String required(String name) {
    String value = optional(name);
    if (value == null) {
      missing.add(name);
    }
    return value;
  }

  /** Present, possibly empty: an empty database password is legitimate (trust authentication). */
  public String requiredMayBeEmpty(String name) {
    String value = env.get(name);
    if (value == null) {
      missing.add(name);
    }
    return value;
  }

  /** The stripped value, or null when absent or blank. */
  public String optional(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value.strip();
  }

  public String text(String name, String fallback) {
    String value = optional(name);
    return value == null ? fallback : value;
  }

  public long number(String name, long fallback, long min, long max) {
    String value = optional(name);
    if (value == null) {
      return fallback;
    }
    try {
      long parsed = Long.parseLong(value);
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported just below, like an out-of-range number
    }
    malformed.add(
        name + " must be an integer from " + min + " to " + max + ", got '" + value + "'");
    return fallback;
  }

  public int integer(String name, int fallback, int min, int max) {
    return (int) number(name, fallback, min, max);
  }

  public boolean bool(String name, boolean fallback) {
    String value = optional(name);
    if (value == null) {
      return fallback;
    }
    if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
      malformed.add(name + " must be true or false, got '" + value + "'");
      return fallback;
    }
    return Boolean.parseBoolean(value);
  }

  /** A problem the caller found itself, e.g. a value that breaks a rule between two variables. */
  public void problem(String description) {
    malformed.add(description);
  }

  /** Throws once, naming every missing and malformed variable, if there were any. */
  public void failOnProblems() {
    List<String> problems = new ArrayList<>();
    if (!missing.isEmpty()) {
      problems.add("missing required environment variables: " + String.join(", ", missing));
    }
    problems.addAll(malformed);
    if (!problems.isEmpty()) {
      throw new InvalidConfigurationException(
          "Invalid " + component + " configuration: " + String.join("; ", problems));
    }
  }
}

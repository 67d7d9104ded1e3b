package io.taskoverflow.generator;

import static io.taskoverflow.model.job.GeneratorEnv.CALENDAR_COMPONENT;
import static io.taskoverflow.model.job.GeneratorEnv.CALENDAR_NAME;
import static io.taskoverflow.model.job.GeneratorEnv.DB_PASSWORD;
import static io.taskoverflow.model.job.GeneratorEnv.DB_URL;
import static io.taskoverflow.model.job.GeneratorEnv.DB_USER;
import static io.taskoverflow.model.job.GeneratorEnv.EXPORT_NAME;
import static io.taskoverflow.model.job.GeneratorEnv.EXPORT_NAMESPACE;
import static io.taskoverflow.model.job.GeneratorEnv.EXPORT_UID;
import static io.taskoverflow.model.job.GeneratorEnv.FILTER_COMPLETED;
import static io.taskoverflow.model.job.GeneratorEnv.FILTER_WINDOW_DAYS;

import io.taskoverflow.model.spec.CalendarComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Everything one generator run needs, read from the environment the operator gives the pod (names
 * in {@link io.taskoverflow.model.job.GeneratorEnv}). Every problem is reported at once.
 */
record GeneratorConfig(
    String dbUrl,
    String dbUser,
    String dbPassword,
    String exportName,
    String exportNamespace,
    UUID exportUid,
    String calendarName,
    CalendarComponent component,
    TodoFilter filter) {

  static final String DEFAULT_CALENDAR_NAME = "TaskOverflow";

  static GeneratorConfig fromEnv(Map<String, String> env) {
    Problems problems = new Problems();
    String dbUrl = problems.required(env, DB_URL);
    if (dbUrl != null && !dbUrl.startsWith("jdbc:postgresql:")) {
      problems.invalid(DB_URL, "must be a jdbc:postgresql: URL", null);
    }
    String dbUser = problems.required(env, DB_USER);
    // An empty password is legal (trust authentication); only an absent variable is an error.
    String dbPassword = env.get(DB_PASSWORD);
    if (dbPassword == null) {
      problems.missing.add(DB_PASSWORD);
    }
    String exportName = problems.required(env, EXPORT_NAME);
    UUID exportUid = uuid(problems, env);
    GeneratorConfig config =
        new GeneratorConfig(
            dbUrl,
            dbUser,
            dbPassword,
            exportName,
            env.getOrDefault(EXPORT_NAMESPACE, ""),
            exportUid,
            blankToNull(env.get(CALENDAR_NAME)) == null
                ? DEFAULT_CALENDAR_NAME
                : env.get(CALENDAR_NAME),
            component(problems, env),
            new TodoFilter(completed(problems, env), windowDays(problems, env)));
    problems.throwIfAny();
    return config;
  }

  /** Never prints the password. */
  @Override
  public String toString() {
    return "GeneratorConfig[export=%s/%s (%s), db=%s as %s, calendar=%s, component=%s, filter=%s]"
        .formatted(
            exportNamespace, exportName, exportUid, dbUrl, dbUser, calendarName, component, filter);
  }

  private static UUID uuid(Problems problems, Map<String, String> env) {
    String value = problems.required(env, EXPORT_UID);
    if (value == null) {
      return null;
    }
    try {
      return UUID.fromString(value.strip());
    } catch (IllegalArgumentException e) {
      problems.invalid(EXPORT_UID, "must be a UUID", value);
      return null;
    }
  }

  private static CalendarComponent component(Problems problems, Map<String, String> env) {
    String value = blankToNull(env.get(CALENDAR_COMPONENT));
    if (value == null) {
      return CalendarComponent.VEVENT;
    }
    try {
      return CalendarComponent.valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      problems.invalid(CALENDAR_COMPONENT, "must be VEVENT or VTODO", value);
      return null;
    }
  }

  private static Boolean completed(Problems problems, Map<String, String> env) {
    String value = blankToNull(env.get(FILTER_COMPLETED));
    if (value == null) {
      return null;
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> {
        problems.invalid(FILTER_COMPLETED, "must be true or false", value);
        yield null;
      }
    };
  }

  private static Integer windowDays(Problems problems, Map<String, String> env) {
    String value = blankToNull(env.get(FILTER_WINDOW_DAYS));
    if (value == null) {
      return null;
    }
    try {
      int days = Integer.parseInt(value.strip());
      if (days >= 0) {
        return days;
      }
    } catch (NumberFormatException e) {
      // reported below, like a negative number
    }
    problems.invalid(FILTER_WINDOW_DAYS, "must be a non-negative integer", value);
    return null;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  /** Collects every missing and invalid variable so one message names them all. */
  private static final class Problems {
    private final List<String> missing = new ArrayList<>();
    private final List<String> invalid = new ArrayList<>();

    String required(Map<String, String> env, String name) {
      String value = blankToNull(env.get(name));
      if (value == null) {
        missing.add(name);
      }
      return value;
    }

    void invalid(String name, String rule, String value) {
      invalid.add(
          value == null ? name + " " + rule : name + " " + rule + ", got \"" + value + "\"");
    }

    void throwIfAny() {
      List<String> all = new ArrayList<>();
      if (!missing.isEmpty()) {
        all.add("missing " + String.join(", ", missing));
      }
      all.addAll(invalid);
      if (!all.isEmpty()) {
        throw new InvalidConfigurationException("invalid configuration: " + String.join("; ", all));
      }
    }
  }
}

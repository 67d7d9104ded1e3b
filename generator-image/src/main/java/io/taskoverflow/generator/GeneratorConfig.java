package io.taskoverflow.generator;

import static io.taskoverflow.model.job.GeneratorEnv.CALENDAR_COMPONENT;
import static io.taskoverflow.model.job.GeneratorEnv.CALENDAR_NAME;
import static io.taskoverflow.model.job.GeneratorEnv.DB_PASSWORD;
import static io.taskoverflow.model.job.GeneratorEnv.DB_STATEMENT_TIMEOUT_MS;
import static io.taskoverflow.model.job.GeneratorEnv.DB_URL;
import static io.taskoverflow.model.job.GeneratorEnv.DB_USER;
import static io.taskoverflow.model.job.GeneratorEnv.EXPORT_NAME;
import static io.taskoverflow.model.job.GeneratorEnv.EXPORT_NAMESPACE;
import static io.taskoverflow.model.job.GeneratorEnv.EXPORT_UID;
import static io.taskoverflow.model.job.GeneratorEnv.FILTER_COMPLETED;
import static io.taskoverflow.model.job.GeneratorEnv.FILTER_WINDOW_DAYS;
import static io.taskoverflow.model.job.GeneratorEnv.GENERATOR_IMAGE;
import static io.taskoverflow.model.job.GeneratorEnv.MAX_RESULT_BYTES;

import io.taskoverflow.config.EnvReader;
import io.taskoverflow.model.spec.CalendarComponent;
import io.taskoverflow.model.spec.CalendarExportSpec;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Everything one generator run needs, read from the environment the operator gives the pod (names
 * in {@link io.taskoverflow.model.job.GeneratorEnv}). Every problem is reported at once.
 *
 * @param maxResultBytes the most bytes the stored calendar may have; {@link Long#MAX_VALUE} when
 *     unset
 * @param dbStatementTimeout the longest one statement may take; a database that answers nothing is
 *     given up a second later
 */
record GeneratorConfig(
    String dbUrl,
    String dbUser,
    String dbPassword,
    Duration dbStatementTimeout,
    String exportName,
    String exportNamespace,
    UUID exportUid,
    String calendarName,
    CalendarComponent component,
    TodoFilter filter,
    String generatorImage,
    long maxResultBytes) {

  static final Duration DEFAULT_DB_STATEMENT_TIMEOUT = Duration.ofMinutes(1);

  static GeneratorConfig fromEnv(Map<String, String> env) {
    EnvReader reader = new EnvReader("generator", env);
    String dbUrl = reader.required(DB_URL);
    if (dbUrl != null && !dbUrl.startsWith("jdbc:postgresql:")) {
      // Not echoed: a URL may carry a password.
      reader.problem(DB_URL + " must be a jdbc:postgresql: URL");
    }
    GeneratorConfig config =
        new GeneratorConfig(
            dbUrl,
            reader.required(DB_USER),
            reader.requiredMayBeEmpty(DB_PASSWORD),
            Duration.ofMillis(
                reader.number(
                    DB_STATEMENT_TIMEOUT_MS,
                    DEFAULT_DB_STATEMENT_TIMEOUT.toMillis(),
                    250,
                    3_600_000)),
            reader.required(EXPORT_NAME),
            reader.text(EXPORT_NAMESPACE, ""),
            uuid(reader),
            reader.text(CALENDAR_NAME, CalendarExportSpec.DEFAULT_CALENDAR_NAME),
            component(reader),
            new TodoFilter(completed(reader), windowDays(reader)),
            reader.optional(GENERATOR_IMAGE),
            reader.number(MAX_RESULT_BYTES, Long.MAX_VALUE, 1, Long.MAX_VALUE));
    reader.failOnProblems();
    return config;
  }

  /** Never prints the password. */
  @Override
  public String toString() {
    return "GeneratorConfig[export=%s/%s (%s), db=%s as %s, calendar=%s, component=%s, filter=%s]"
        .formatted(
            exportNamespace, exportName, exportUid, dbUrl, dbUser, calendarName, component, filter);
  }

  private static UUID uuid(EnvReader reader) {
    String value = reader.required(EXPORT_UID);
    if (value == null) {
      return null;
    }
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      reader.problem(invalid(EXPORT_UID, "must be a UUID", value));
      return null;
    }
  }

  private static CalendarComponent component(EnvReader reader) {
    String value = reader.optional(CALENDAR_COMPONENT);
    if (value == null) {
      return CalendarComponent.VEVENT;
    }
    try {
      return CalendarComponent.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      reader.problem(invalid(CALENDAR_COMPONENT, "must be VEVENT or VTODO", value));
      return null;
    }
  }

  /** Unlike a plain boolean, absent means "no filter". */
  private static Boolean completed(EnvReader reader) {
    String value = reader.optional(FILTER_COMPLETED);
    if (value == null) {
      return null;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> {
        reader.problem(invalid(FILTER_COMPLETED, "must be true or false", value));
        yield null;
      }
    };
  }

  private static Integer windowDays(EnvReader reader) {
    String value = reader.optional(FILTER_WINDOW_DAYS);
    if (value == null) {
      return null;
    }
    try {
      int days = Integer.parseInt(value);
      if (days >= 0) {
        return days;
      }
    } catch (NumberFormatException e) {
      // reported below, like a negative number
    }
    reader.problem(invalid(FILTER_WINDOW_DAYS, "must be a non-negative integer", value));
    return null;
  }

  private static String invalid(String name, String rule, String value) {
    return name + " " + rule + ", got '" + value + "'";
  }
}

package io.taskoverflow.api.todo;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Naive timestamps the way the reference API (Python) writes and reads them. Python's {@code
 * isoformat()} always writes seconds and adds {@code .ffffff} only when microseconds are non-zero;
 * {@link LocalDateTime#toString()} drops zero seconds and varies the fraction's length, so it is
 * never used for output.
 */
public final class IsoTimestamps {

  // Date, optional time with ':' separators, 'T' or ' ' between them, optional fraction and zone.
  private static final Pattern INPUT =
      Pattern.compile(
          "(\\d{4})-(\\d{2})-(\\d{2})"
              + "(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?"
              + "(Z|[+-]\\d{2}:?\\d{2})?)?");

  private IsoTimestamps() {}

  /** {@code YYYY-MM-DDTHH:MM:SS}, plus {@code .ffffff} when the microseconds are non-zero. */
  public static String format(LocalDateTime value) {
    StringBuilder out =
        new StringBuilder(26)
            .append(pad(value.getYear(), 4))
            .append('-')
            .append(pad(value.getMonthValue(), 2))
            .append('-')
            .append(pad(value.getDayOfMonth(), 2))
            .append('T')
            .append(pad(value.getHour(), 2))
            .append(':')
            .append(pad(value.getMinute(), 2))
            .append(':')
            .append(pad(value.getSecond(), 2));
    int micros = value.getNano() / 1000;
    if (micros != 0) {
      out.append('.').append(pad(micros, 6));
    }
    return out.toString();
  }

  /**
   * Reads a date, or a date and time separated by {@code T} or a space, with optional seconds and
   * fraction (kept to microseconds, as PostgreSQL stores them). A zone offset, which browsers add
   * as {@code Z}, is converted to the server's local time because stored timestamps are naive.
   */
  public static Optional<LocalDateTime> parse(String text, ZoneId localZone) {
    Matcher m = INPUT.matcher(text.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      LocalDate date = LocalDate.of(number(m.group(1)), number(m.group(2)), number(m.group(3)));
      if (date.getYear() < 1) {
        return Optional.empty();
      }
      if (m.group(4) == null) {
        return Optional.of(date.atStartOfDay());
      }
      LocalTime time =
          LocalTime.of(
              number(m.group(4)),
              number(m.group(5)),
              m.group(6) == null ? 0 : number(m.group(6)),
              m.group(7) == null ? 0 : number((m.group(7) + "00000000").substring(0, 9)));
      LocalDateTime local = date.atTime(time).truncatedTo(ChronoUnit.MICROS);
      if (m.group(8) == null) {
        return Optional.of(local);
      }
      ZoneOffset offset =
          ZoneOffset.of(m.group(8).length() == 5 ? withColon(m.group(8)) : m.group(8));
      return Optional.of(local.atOffset(offset).atZoneSameInstant(localZone).toLocalDateTime());
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  private static String withColon(String offset) {
    return offset.substring(0, 3) + ":" + offset.substring(3);
  }

  private static int number(String digits) {
    return Integer.parseInt(digits);
  }

  private static String pad(int value, int width) {
    String digits = Integer.toString(value);
    return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
  }
}

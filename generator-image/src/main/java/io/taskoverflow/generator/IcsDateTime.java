package io.taskoverflow.generator;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** RFC 5545 DATE-TIME values (§3.3.5), formatted by hand: one per component adds up. */
final class IcsDateTime {

  private IcsDateTime() {}

  /** Whether the value has the four-digit year a DATE-TIME allows. */
  static boolean representable(LocalDateTime value) {
    return value.getYear() >= 0 && value.getYear() <= 9999;
  }

  /** Floating local time, no zone: {@code 20230403T140000}; seconds fractions are dropped. */
  static String floating(LocalDateTime value) {
    char[] text = new char[15];
    digits(text, 0, value.getYear(), 4);
    digits(text, 4, value.getMonthValue(), 2);
    digits(text, 6, value.getDayOfMonth(), 2);
    text[8] = 'T';
    digits(text, 9, value.getHour(), 2);
    digits(text, 11, value.getMinute(), 2);
    digits(text, 13, value.getSecond(), 2);
    return new String(text);
  }

  /** UTC time: {@code 20230403T120000Z}. */
  static String utc(Instant instant) {
    return floating(LocalDateTime.ofInstant(instant, ZoneOffset.UTC)) + 'Z';
  }

  private static void digits(char[] text, int offset, int value, int width) {
    for (int i = offset + width - 1; i >= offset; i--) {
      text[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }
}

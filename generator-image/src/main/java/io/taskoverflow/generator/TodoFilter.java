package io.taskoverflow.generator;

/**
 * Which todos an export takes, as in the todo API's {@code completed} and {@code window} query
 * parameters.
 *
 * @param completed only todos with this completed flag; null takes both
 * @param windowDays only todos with a deadline at most this many days from now, overdue ones
 *     included; null means no window
 */
record TodoFilter(Boolean completed, Integer windowDays) {

  static final TodoFilter ALL = new TodoFilter(null, null);
}

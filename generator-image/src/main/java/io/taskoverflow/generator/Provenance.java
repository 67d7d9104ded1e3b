package io.taskoverflow.generator;

/**
 * What a calendar was made from, stored beside it: the todos' revision read in the snapshot the
 * rows came from, the options that shape the bytes, and the image that made them. The operator
 * reuses a calendar only when all of them match an export's and the revision is still the current
 * one.
 *
 * @param generatorImage null when the generator was not started by the operator: never reused
 */
record Provenance(
    long todoRevision,
    String calendarName,
    String component,
    Boolean completed,
    Integer windowDays,
    String generatorImage) {

  static Provenance of(GeneratorConfig config, long todoRevision) {
    return new Provenance(
        todoRevision,
        config.calendarName(),
        config.component().name(),
        config.filter().completed(),
        config.filter().windowDays(),
        config.generatorImage());
  }
}

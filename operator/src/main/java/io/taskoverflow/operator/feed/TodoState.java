package io.taskoverflow.operator.feed;

import java.time.Duration;

/**
 * The todos as a feed sees them.
 *
 * @param revision advanced by every change (db-schema V5)
 * @param quiet how long ago the last change was, on the database's clock
 */
public record TodoState(long revision, Duration quiet) {}

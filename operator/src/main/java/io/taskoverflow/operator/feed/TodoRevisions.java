package io.taskoverflow.operator.feed;

import java.util.OptionalLong;
import java.util.UUID;

/** Where the todos' revision and the revision of each stored calendar are kept. */
public interface TodoRevisions {

  TodoState current();

  /** The revision a stored calendar was made from; empty when it is not (or no longer) stored. */
  OptionalLong ofCalendar(UUID exportUid);
}

package io.taskoverflow.generator;

/** Where a run reports how far it has got; never a reason for the run to fail. */
interface Progress {

  /** The run has begun; {@code total} is how many todos it will handle, null when unknown. */
  void started(Long total);

  /** {@code handled} todos have become a component or been skipped so far. */
  void handled(long handled);

  /** The run is over, stored or failed: there is nothing more to report. */
  void finished();
}

package io.taskoverflow.generator;

import io.taskoverflow.model.job.GeneratorExitCode;

/** Why a run failed, said in one line, and whether the Job should retry it. */
record Failure(boolean transientTrouble, String reason) {

  int exitCode() {
    return transientTrouble ? GeneratorExitCode.TRANSIENT : GeneratorExitCode.PERMANENT;
  }

  /** The one line printed to stderr and left as the termination message's error. */
  String line() {
    return (transientTrouble ? "transient failure (will retry): " : "permanent failure: ") + reason;
  }
}

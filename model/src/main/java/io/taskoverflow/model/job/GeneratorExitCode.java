package io.taskoverflow.model.job;

/** Exit codes of the generator; the Job's podFailurePolicy is built on them. */
public final class GeneratorExitCode {

  public static final int SUCCESS = 0;

  /** Trouble that may pass (database unreachable, connection lost): the Job retries. */
  public static final int TRANSIENT = 1;

  /** Trouble a retry cannot fix (bad configuration or options): the Job fails at once. */
  public static final int PERMANENT = 2;

  private GeneratorExitCode() {}
}

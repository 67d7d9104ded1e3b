package io.taskoverflow.operator.export;

/**
 * A Job with the export's Job name exists but is controlled by something else, typically the Job of
 * an earlier export of the same name that the garbage collector has not removed yet.
 */
public class ForeignJobException extends ExportException {

  public ForeignJobException(String jobName) {
    super(
        "Job " + jobName + " exists but does not belong to this export; waiting for it to go away");
  }

  @Override
  public String reason() {
    return "JobNameTaken";
  }

  @Override
  public boolean retryable() {
    return true;
  }
}

package io.taskoverflow.operator.export;

/** The API server rejected the generator Job as invalid: only a configuration change helps. */
public class InvalidJobException extends ExportException {

  public InvalidJobException(String detail) {
    super("The generator Job was rejected: " + detail);
  }

  @Override
  public String reason() {
    return "InvalidJob";
  }

  @Override
  public boolean retryable() {
    return false;
  }
}

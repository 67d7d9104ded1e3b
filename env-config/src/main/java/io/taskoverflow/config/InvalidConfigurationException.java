package io.taskoverflow.config;

/** A deployable's environment is wrong: missing or malformed variables. Retrying cannot help. */
public class InvalidConfigurationException extends IllegalArgumentException {

  public InvalidConfigurationException(String message) {
    super(message);
  }
}

package io.taskoverflow.generator;

/** The generator's environment or the export's options are wrong: retrying cannot help. */
final class InvalidConfigurationException extends RuntimeException {

  InvalidConfigurationException(String message) {
    super(message);
  }
}

package io.taskoverflow.sandbox.node;

/** A container cannot start yet; the kubelet reports it as {@code CreateContainerConfigError}. */
final class ContainerConfigException extends Exception {

  ContainerConfigException(String message) {
    super(message);
  }
}

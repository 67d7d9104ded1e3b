package io.taskoverflow.controlplane;

/** Waits between polls. */
public final class Pause {

  private Pause() {}

  /**
   * Sleeps; an interrupt ends the wait with an {@link IllegalStateException}, the thread's flag set
   * again, since the pollers have nothing sensible to do but stop.
   */
  public static void millis(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}

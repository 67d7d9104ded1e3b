package io.taskoverflow.operator;

import io.taskoverflow.controlplane.ControlPlane;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Holds the real Job controller still: kube-controller-manager is frozen with SIGSTOP (it runs
 * without leader election, so it simply carries on after SIGCONT). While frozen, no Job's status
 * changes, which shows what the operator concludes from the pods alone.
 */
final class TestJobController implements AutoCloseable {

  private final long pid;

  private TestJobController(long pid) {
    this.pid = pid;
  }

  static TestJobController freeze(ControlPlane controlPlane) {
    TestJobController frozen = new TestJobController(controlPlane.pidOf("kube-controller-manager"));
    frozen.signal("STOP");
    return frozen;
  }

  /** Lets it run again. */
  @Override
  public void close() {
    signal("CONT");
  }

  private void signal(String signal) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start();
      if (kill.waitFor() != 0) {
        throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

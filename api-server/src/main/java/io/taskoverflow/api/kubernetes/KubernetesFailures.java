package io.taskoverflow.api.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/** Tells a Kubernetes API that does not answer from one that answered "no". */
final class KubernetesFailures {

  private KubernetesFailures() {}

  /**
   * No answer at all (refused, reset, timed out: fabric8 reports the I/O failure as a cause), or a
   * gateway's or the API server's own "not now" (502, 503, 504: etcd unreachable).
   */
  static boolean isUnavailable(KubernetesClientException failure) {
    int code = failure.getCode();
    if (code == 502 || code == 503 || code == 504) {
      return true;
    }
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof IOException || t instanceof TimeoutException) {
        return true;
      }
    }
    return false;
  }
}

package io.taskoverflow.api.kubernetes;

import io.taskoverflow.api.web.ApiError;
import java.util.Map;

/** 503: the Kubernetes API cannot serve this request now; the client may retry in a second. */
public final class KubernetesUnavailable extends ApiError {

  public static final String MESSAGE = "kubernetes unavailable";

  KubernetesUnavailable(Throwable cause) {
    super(503, MESSAGE, Map.of("Retry-After", "1"), cause);
  }
}

package io.taskoverflow.api.db;

import io.taskoverflow.api.web.ApiError;
import java.util.Map;

/** 503: the database cannot serve this request now; the client may retry in a second. */
public final class DatabaseUnavailable extends ApiError {

  public static final String MESSAGE = "database unavailable";

  DatabaseUnavailable(Throwable cause) {
    super(503, MESSAGE, Map.of("Retry-After", "1"), cause);
  }
}

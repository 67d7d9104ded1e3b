package io.taskoverflow.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * Answers kubectl's request for a server-side Table (its {@code Accept: ...;as=Table}) for pods,
 * jobs and calendarexports with the columns a real API server prints (the CRD's printer columns for
 * exports), so {@code kubectl get} shows status and not just names. Other requests, and other
 * resources, pass through.
 */
public final class TableDispatcher extends Dispatcher {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Dispatcher delegate;

  public TableDispatcher(Dispatcher delegate) {
    this.delegate = delegate;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    MockResponse response = delegate.dispatch(request);
    String accept = request.getHeader("Accept");
    String path = request.getPath();
    if (!"GET".equals(request.getMethod())
        || accept == null
        || !accept.contains("as=Table")
        || path.contains("watch=")
        || response.code() != 200) {
      return response;
    }
    Kind kind = Kind.of(path.split("\\?", 2)[0]);
    if (kind == null) {
      return response;
    }
    try {
      JsonNode body = JSON.readTree(response.getBody().readUtf8());
      List<JsonNode> objects = new ArrayList<>();
      if (body.has("items")) {
        body.get("items").forEach(objects::add);
      } else {
        objects.add(body);
      }
      return new MockResponse()
          .setResponseCode(200)
          .setHeader("Content-Type", "application/json")
          .setBody(JSON.writeValueAsString(table(kind, objects)));
    } catch (IOException e) {
      return new MockResponse().setResponseCode(500).setBody(e.toString());
    }
  }

  @Override
  public void shutdown() {
    delegate.shutdown();
  }

  private enum Kind {
    POD("/pods", "Name", "Ready", "Status", "Restarts", "Age"),
    JOB("/jobs", "Name", "Status", "Completions", "Duration", "Age"),
    EXPORT("/calendarexports", "Name", "Phase", "Events", "Age");

    final String suffix;
    final String[] columns;

    Kind(String suffix, String... columns) {
      this.suffix = suffix;
      this.columns = columns;
    }

    static Kind of(String path) {
      for (Kind kind : values()) {
        // a list (…/pods) or one object (…/pods/<name>)
        int at = path.lastIndexOf(kind.suffix);
        if (at >= 0) {
          String rest = path.substring(at + kind.suffix.length());
          if (rest.isEmpty() || rest.lastIndexOf('/') == 0) {
            return kind;
          }
        }
      }
      return null;
    }
  }

  private static ObjectNode table(Kind kind, List<JsonNode> objects) {
    ObjectNode table = JSON.createObjectNode();
    table.put("kind", "Table");
    table.put("apiVersion", "meta.k8s.io/v1");
    table.putObject("metadata");
    ArrayNode columns = table.putArray("columnDefinitions");
    for (String column : kind.columns) {
      ObjectNode definition = columns.addObject();
      definition.put("name", column);
      definition.put("type", "string");
      definition.put("format", column.equals("Name") ? "name" : "");
      definition.put("description", column);
      definition.put("priority", 0);
    }
    ArrayNode rows = table.putArray("rows");
    for (JsonNode object : objects) {
      ObjectNode row = rows.addObject();
      ArrayNode cells = row.putArray("cells");
      cells.add(object.path("metadata").path("name").asText());
      switch (kind) {
        case POD -> podCells(object, cells);
        case JOB -> jobCells(object, cells);
        case EXPORT -> exportCells(object, cells);
      }
      cells.add(age(object.path("metadata").path("creationTimestamp").asText(null)));
      ObjectNode partial = row.putObject("object");
      partial.put("kind", "PartialObjectMetadata");
      partial.put("apiVersion", "meta.k8s.io/v1");
      partial.set("metadata", object.path("metadata"));
    }
    return table;
  }

  private static void podCells(JsonNode pod, ArrayNode cells) {
    JsonNode containers = pod.path("status").path("containerStatuses");
    long ready = stream(containers).filter(c -> c.path("ready").asBoolean()).count();
    int total = Math.max(pod.path("spec").path("containers").size(), containers.size());
    cells.add(ready + "/" + total);
    String status = pod.path("status").path("phase").asText("Pending");
    for (JsonNode container : containers) {
      JsonNode state = container.path("state");
      if (state.path("waiting").has("reason")) {
        status = state.path("waiting").path("reason").asText();
      } else if (state.path("terminated").has("reason")) {
        status = state.path("terminated").path("reason").asText();
      }
    }
    if (pod.path("metadata").has("deletionTimestamp")) {
      status = "Terminating";
    }
    cells.add(status);
    cells.add(stream(containers).mapToInt(c -> c.path("restartCount").asInt()).sum());
  }

  private static void jobCells(JsonNode job, ArrayNode cells) {
    JsonNode status = job.path("status");
    String state = job.path("spec").path("suspend").asBoolean() ? "Suspended" : "Running";
    for (JsonNode condition : status.path("conditions")) {
      String type = condition.path("type").asText();
      if ("True".equals(condition.path("status").asText())
          && (type.equals("Complete") || type.equals("Failed"))) {
        state = type;
      }
    }
    cells.add(state);
    cells.add(
        status.path("succeeded").asInt() + "/" + job.path("spec").path("completions").asInt(1));
    Instant start = instant(status.path("startTime").asText(null));
    Instant end = instant(status.path("completionTime").asText(null));
    cells.add(
        start == null ? "" : human(Duration.between(start, end == null ? Instant.now() : end)));
  }

  private static void exportCells(JsonNode export, ArrayNode cells) {
    cells.add(export.path("status").path("phase").asText(""));
    JsonNode events = export.path("status").path("result").path("events");
    cells.add(events.isMissingNode() || events.isNull() ? "" : events.asText());
  }

  private static String age(String timestamp) {
    Instant created = instant(timestamp);
    return created == null ? "<unknown>" : human(Duration.between(created, Instant.now()));
  }

  private static Instant instant(String timestamp) {
    try {
      return timestamp == null || timestamp.isEmpty() ? null : Instant.parse(timestamp);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Kubernetes' short human durations: 42s, 3m4s, 17m, 5h2m, 30h, 3d4h, 12d. */
  static String human(Duration duration) {
    long seconds = Math.max(0, duration.getSeconds());
    long minutes = seconds / 60;
    long hours = minutes / 60;
    if (seconds < 120) {
      return seconds + "s";
    } else if (minutes < 10) {
      return seconds % 60 == 0 ? minutes + "m" : minutes + "m" + seconds % 60 + "s";
    } else if (hours < 3) {
      return minutes + "m";
    } else if (hours < 8) {
      return minutes % 60 == 0 ? hours + "h" : hours + "h" + minutes % 60 + "m";
    } else if (hours < 48) {
      return hours + "h";
    } else if (hours < 24 * 8) {
      return hours % 24 == 0 ? hours / 24 + "d" : hours / 24 + "d" + hours % 24 + "h";
    }
    return hours / 24 + "d";
  }

  private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false);
  }
}

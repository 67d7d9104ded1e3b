package io.taskoverflow.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.taskoverflow.api.ApiDependencies;
import io.taskoverflow.api.ApiServer;
import io.taskoverflow.api.auth.ApiTokens;
import io.taskoverflow.api.db.DatabaseGate;
import io.taskoverflow.api.export.CalendarResultRepository;
import io.taskoverflow.api.export.ExportProgressRepository;
import io.taskoverflow.api.export.ExportStore;
import io.taskoverflow.api.export.TaskIds;
import io.taskoverflow.api.feed.FeedStore;
import io.taskoverflow.api.health.Circuit;
import io.taskoverflow.api.health.Readiness;
import io.taskoverflow.api.kubernetes.KubernetesGate;
import io.taskoverflow.api.todo.TodoRepository;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenApiDocumentTest {

  private static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "patch");

  private KubernetesClient unusedClient;
  private ExportStore exports;
  private DatabaseGate database;
  private Javalin app;

  @BeforeEach
  void buildTheAppWithoutStartingIt() {
    // Nothing connects: the routes are registered when the app is created.
    unusedClient =
        new KubernetesClientBuilder()
            .withConfig(new ConfigBuilder().withMasterUrl("http://127.0.0.1:9").build())
            .build();
    Circuit circuit = new Circuit("The database", Duration.ofSeconds(1), () -> {});
    KubernetesGate kubernetes = new KubernetesGate(unusedClient, Duration.ofSeconds(1));
    exports =
        new ExportStore(unusedClient, kubernetes, "default", new TaskIds(), Clock.systemUTC(), 50);
    database = new DatabaseGate(1, Duration.ofSeconds(1), circuit);
    app =
        ApiServer.create(
            new ApiDependencies(
                new TodoRepository(null, Clock.systemUTC()),
                exports,
                new FeedStore(unusedClient, kubernetes, "default", Clock.systemUTC(), 1),
                new CalendarResultRepository(null),
                new ExportProgressRepository(null, circuit),
                database,
                new Readiness(circuit, kubernetes.circuit()),
                ZoneOffset.UTC,
                1024,
                false,
                ApiTokens.none(),
                AllowedHosts.DEFAULT));
  }

  @AfterEach
  void close() {
    database.close();
    exports.close();
    unusedClient.close();
  }

  @Test
  void everyRouteOfTheServerIsDocumented() throws IOException {
    assertThat(documentedOperations()).containsAll(serverRoutes());
  }

  @Test
  void everyDocumentedOperationExistsOnTheServer() throws IOException {
    assertThat(serverRoutes()).containsAll(documentedOperations());
  }

  @Test
  void everyGetRouteAnswersHeadAndNoOtherRouteDoes() {
    Set<String> heads = routes(HandlerType.HEAD);
    assertThat(heads).isNotEmpty().isEqualTo(routes(HandlerType.GET));
  }

  @Test
  void theDocumentIsOpenApi3WithItsReferencesResolvable() throws IOException {
    JsonNode document = document();
    assertThat(document.path("openapi").asText()).startsWith("3.");
    Set<String> unresolved = new TreeSet<>();
    collectRefs(document, unresolved);
    unresolved.removeIf(ref -> !document.at(ref.substring(1)).isMissingNode());
    assertThat(unresolved).isEmpty();
  }

  /** The server's routes; HEAD is left out: it mirrors GET (checked above), as HTTP implies. */
  private Set<String> serverRoutes() {
    return app.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream()
        .map(handler -> handler.getEndpoint())
        .filter(endpoint -> endpoint.getMethod().isHttpMethod())
        .filter(endpoint -> endpoint.getMethod() != HandlerType.HEAD)
        .map(endpoint -> endpoint.getMethod().name() + " " + endpoint.getPath())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private Set<String> routes(HandlerType method) {
    return app.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream()
        .map(handler -> handler.getEndpoint())
        .filter(endpoint -> endpoint.getMethod() == method)
        .map(endpoint -> endpoint.getPath())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> documentedOperations() throws IOException {
    Set<String> operations = new TreeSet<>();
    JsonNode paths = document().path("paths");
    for (Iterator<String> names = paths.fieldNames(); names.hasNext(); ) {
      String path = names.next();
      for (Iterator<String> methods = paths.get(path).fieldNames(); methods.hasNext(); ) {
        String method = methods.next();
        if (OPERATIONS.contains(method)) {
          operations.add(method.toUpperCase(Locale.ROOT) + " " + path);
        }
      }
    }
    return operations;
  }

  private static void collectRefs(JsonNode node, Set<String> refs) {
    if (node.has("$ref")) {
      refs.add(node.get("$ref").asText());
    }
    node.forEach(child -> collectRefs(child, refs));
  }

  private static JsonNode document() throws IOException {
    try (InputStream in = OpenApiDocument.class.getResourceAsStream(OpenApiDocument.RESOURCE)) {
      return new ObjectMapper().readTree(in);
    }
  }
}

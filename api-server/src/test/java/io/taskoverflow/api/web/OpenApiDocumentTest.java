package io.taskoverflow.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.taskoverflow.api.Answer;
import io.taskoverflow.api.InMemoryApi;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OpenApiDocumentTest {

  private static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "patch");

  @RegisterExtension final InMemoryApi api = new InMemoryApi();

  // Unstarted: the routes are registered when the app is created.
  private final Javalin app = api.app();

  @Test
  void theServerServesTheDocument() throws IOException {
    JsonNode document = document();
    api.test(
        client -> {
          Answer answer = client.get("/api/v1/openapi.json");

          assertThat(answer.status()).isEqualTo(200);
          assertThat(answer.header("Content-Type")).startsWith("application/json");
          assertThat(answer.json()).isEqualTo(document);
        });
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

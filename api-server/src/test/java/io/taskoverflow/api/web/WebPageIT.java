package io.taskoverflow.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoverflow.api.SharedKubernetes;
import io.taskoverflow.api.TestApi;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(SharedKubernetes.class)
class WebPageIT {

  @RegisterExtension static final TestApi api = TestApi.perClass();

  @Test
  void theRootServesThePage() {
    HttpResponse<String> page = api.get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(contentType(page)).startsWith("text/html");
    assertThat(page.body())
        .contains("id=\"export-button\"", "id=\"filter-form\"", "id=\"feed-link\"")
        .contains("src=\"/app.js\"", "href=\"/app.css\"");
    // The page follows exports with fetch and EventSource, both covered by connect-src.
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(policy -> assertThat(policy).contains("connect-src 'self'"));
  }

  @ParameterizedTest
  @CsvSource({"/app.js, javascript", "/app.css, text/css"})
  void theAssetsAreServedWithTheirTypes(String path, String type) {
    HttpResponse<String> asset = api.get(path);
    assertThat(asset.statusCode()).isEqualTo(200);
    assertThat(contentType(asset)).contains(type);
  }

  @Test
  void theOpenApiDocumentIsServed() {
    HttpResponse<String> document = api.get("/api/v1/openapi.json");
    assertThat(document.statusCode()).isEqualTo(200);
    assertThat(contentType(document)).startsWith("application/json");
    assertThat(TestApi.json(document).path("paths").has("/api/v1/todos/ical/{task_id}/status"))
        .isTrue();
  }

  /** The response's Content-Type; a response without one fails the test. */
  private static String contentType(HttpResponse<String> response) {
    return response.headers().firstValue("Content-Type").orElseThrow();
  }
}

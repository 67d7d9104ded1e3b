package io.taskoverflow.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoverflow.model.CalendarExport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MockKubernetesIT {

  private static MockKubernetes kubernetes;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    kubernetes = MockKubernetes.start(0);
  }

  @AfterAll
  static void stop() {
    kubernetes.close();
  }

  @Test
  void discoveryDocumentsAnswerWithTheQueryStringKubectlAdds() throws Exception {
    HttpResponse<String> group = get("/apis/taskoverflow.io/v1?timeout=32s");
    HttpResponse<String> groups = get("/apis");

    assertThat(group.statusCode()).isEqualTo(200);
    assertThat(group.body()).contains("\"name\":\"calendarexports\"", "\"calx\"");
    assertThat(groups.body()).contains("\"batch/v1\"", "\"taskoverflow.io/v1\"");
    assertThat(get("/api/v1").body()).contains("\"name\":\"pods\"", "\"name\":\"secrets\"");
  }

  @Test
  void openApiIsAbsentSoKubectlSkipsValidation() throws Exception {
    assertThat(get("/openapi/v2?timeout=32s").statusCode()).isEqualTo(404);
    assertThat(get("/openapi/v3").statusCode()).isEqualTo(404);
  }

  @Test
  void theCrdAndTheDefaultNamespaceExist() {
    assertThat(
            kubernetes
                .client()
                .apiextensions()
                .v1()
                .customResourceDefinitions()
                .withName(CalendarExport.CRD_NAME)
                .get())
        .isNotNull();
    assertThat(kubernetes.client().namespaces().withName("default").get()).isNotNull();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(kubernetes.url() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}

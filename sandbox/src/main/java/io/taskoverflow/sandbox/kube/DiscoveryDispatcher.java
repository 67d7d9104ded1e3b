package io.taskoverflow.sandbox.kube;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscoveryBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.taskoverflow.model.CalendarExport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves the discovery documents the mock server lacks, so kubectl and the generic client can map
 * resource names to paths, and hands every other request to the CRUD dispatcher. {@code /openapi}
 * answers 404, which makes kubectl skip client-side validation instead of failing on it.
 */
public final class DiscoveryDispatcher extends Dispatcher {

  private static final List<String> ALL_VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  private final Dispatcher delegate;
  private final Map<String, String> documents = new LinkedHashMap<>();

  public DiscoveryDispatcher(Dispatcher delegate) {
    this.delegate = delegate;
    documents.put("/version", Serialization.asJson(version()));
    documents.put(
        "/api", Serialization.asJson(new APIVersionsBuilder().withVersions("v1").build()));
    Map<String, List<APIResource>> groups = new LinkedHashMap<>();
    groups.put(
        "v1",
        List.of(
            resource("pods", "Pod", "po"),
            resource("pods/status", "Pod", null),
            resource("pods/log", "Pod", null),
            resource("secrets", "Secret", null),
            resource("configmaps", "ConfigMap", "cm"),
            resource("events", "Event", "ev"),
            resource("serviceaccounts", "ServiceAccount", "sa"),
            clusterResource("namespaces", "Namespace", "ns")));
    groups.put(
        "batch/v1", List.of(resource("jobs", "Job", null), resource("jobs/status", "Job", null)));
    groups.put(
        CalendarExport.GROUP + "/" + CalendarExport.VERSION,
        List.of(
            resource(CalendarExport.PLURAL, "CalendarExport", "calx"),
            resource(CalendarExport.PLURAL + "/status", "CalendarExport", null)));
    groups.put("coordination.k8s.io/v1", List.of(resource("leases", "Lease", null)));
    groups.put("events.k8s.io/v1", List.of(resource("events", "Event", "ev")));
    groups.put(
        "apiextensions.k8s.io/v1",
        List.of(clusterResource("customresourcedefinitions", "CustomResourceDefinition", "crd")));
    List<APIGroup> apiGroups =
        groups.keySet().stream()
            .filter(groupVersion -> groupVersion.contains("/"))
            .map(DiscoveryDispatcher::group)
            .toList();
    documents.put(
        "/apis", Serialization.asJson(new APIGroupListBuilder().withGroups(apiGroups).build()));
    groups.forEach(
        (groupVersion, resources) ->
            documents.put(
                groupVersion.equals("v1") ? "/api/v1" : "/apis/" + groupVersion,
                Serialization.asJson(
                    new APIResourceListBuilder()
                        .withGroupVersion(groupVersion)
                        .withResources(resources)
                        .build())));
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    // kubectl appends ?timeout=32s to discovery requests.
    String path = request.getPath().split("\\?", 2)[0];
    if (path.startsWith("/openapi")) {
      return new MockResponse().setResponseCode(404).setBody("{}");
    }
    String document = "GET".equals(request.getMethod()) ? documents.get(path) : null;
    if (document != null) {
      return new MockResponse()
          .setResponseCode(200)
          .setHeader("Content-Type", "application/json")
          .setBody(document);
    }
    MockResponse response = delegate.dispatch(request);
    // Without a content type kubectl assumes protobuf (kubectl describe asks for it) and fails.
    if (response.header("Content-Type") == null && response.getWebSocketListener() == null) {
      response.setHeader("Content-Type", "application/json");
    }
    return response;
  }

  @Override
  public void shutdown() {
    delegate.shutdown();
  }

  private static APIGroup group(String groupVersion) {
    String[] parts = groupVersion.split("/");
    var version =
        new GroupVersionForDiscoveryBuilder()
            .withGroupVersion(groupVersion)
            .withVersion(parts[1])
            .build();
    return new APIGroupBuilder()
        .withName(parts[0])
        .withVersions(version)
        .withPreferredVersion(version)
        .build();
  }

  private static APIResource resource(String name, String kind, String shortName) {
    return apiResource(name, kind, shortName, true);
  }

  private static APIResource clusterResource(String name, String kind, String shortName) {
    return apiResource(name, kind, shortName, false);
  }

  private static APIResource apiResource(
      String name, String kind, String shortName, boolean namespaced) {
    boolean subresource = name.contains("/");
    APIResourceBuilder builder =
        new APIResourceBuilder()
            .withName(name)
            .withSingularName(subresource ? "" : kind.toLowerCase())
            .withKind(kind)
            .withNamespaced(namespaced)
            .withVerbs(subresource ? List.of("get", "patch", "update") : ALL_VERBS);
    if (shortName != null) {
      builder.withShortNames(shortName);
    }
    return builder.build();
  }

  private static Map<String, String> version() {
    return Map.of(
        "major", "1", "minor", "32", "gitVersion", "v1.32.0-sandbox", "platform", "linux/amd64");
  }
}

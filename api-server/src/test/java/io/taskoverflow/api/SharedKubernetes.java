package io.taskoverflow.api;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.feed.CalendarFeed;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One {@link TestKubernetes} for every test class of the JVM that asks for it, started on first use
 * and stopped when the run ends: a kube-apiserver takes seconds to start on a busy machine, and the
 * classes need the same installation. A class receives it as a parameter of its {@code @BeforeAll}
 * method or runs a {@link TestApi#perClass} on it, and starts with no CalendarExports or
 * CalendarFeeds left by the class before. Its control plane's logs are in {@code
 * target/shared-kubernetes}.
 */
public final class SharedKubernetes implements BeforeAllCallback, ParameterResolver {

  private static final Path WORK_DIRECTORY = Path.of("target", "shared-kubernetes");

  private static final List<Class<? extends HasMetadata>> LEFT_BEHIND =
      List.of(CalendarFeed.class, CalendarExport.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    KubernetesClient admin = of(context).admin();
    LEFT_BEHIND.forEach(type -> admin.resources(type).inNamespace(TestApi.NAMESPACE).delete());
    await()
        .until(
            () ->
                LEFT_BEHIND.stream()
                    .allMatch(
                        type ->
                            admin
                                .resources(type)
                                .inNamespace(TestApi.NAMESPACE)
                                .list()
                                .getItems()
                                .isEmpty()));
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestKubernetes.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return of(context);
  }

  /** The run's control plane, started if this is its first use. */
  static TestKubernetes of(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(Namespace.create(SharedKubernetes.class))
        .getOrComputeIfAbsent(
            TestKubernetes.class,
            type -> new Resource(TestKubernetes.start(WORK_DIRECTORY)),
            Resource.class)
        .kubernetes();
  }

  /** Closed by JUnit when the root context (the whole run) ends. */
  private record Resource(TestKubernetes kubernetes)
      implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      kubernetes.close();
    }
  }
}

package io.taskoverflow.sandbox;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.taskoverflow.model.CalendarExport;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An E2E test class's share of the {@link SharedSandbox} ({@code @RegisterExtension static}):
 * cleaned before the class's first test, and the ways the tests drive it.
 */
final class CleanSandbox implements BeforeAllCallback {

  private Sandbox sandbox;
  private ExportApi api;
  private Kubectl kubectl;
  private SandboxDatabase database;

  @Override
  public void beforeAll(ExtensionContext context) {
    sandbox = SharedSandbox.clean();
    api = new ExportApi(sandbox);
    kubectl = new Kubectl(sandbox);
    database = new SandboxDatabase(sandbox);
  }

  Sandbox sandbox() {
    if (sandbox == null) {
      throw new IllegalStateException("register CleanSandbox as a static extension");
    }
    return sandbox;
  }

  /** The REST API, as curl would use it. */
  ExportApi api() {
    sandbox();
    return api;
  }

  Kubectl kubectl() {
    sandbox();
    return kubectl;
  }

  SandboxDatabase database() {
    sandbox();
    return database;
  }

  /** The cluster administrator, in the sandbox's namespace. */
  KubernetesClient client() {
    return sandbox().client();
  }

  /** A CalendarExport to create directly, in the sandbox's namespace. */
  static CalendarExport newExport(String name) {
    CalendarExport export = new CalendarExport();
    export.getMetadata().setName(name);
    export.getMetadata().setNamespace(Sandbox.NAMESPACE);
    return export;
  }
}

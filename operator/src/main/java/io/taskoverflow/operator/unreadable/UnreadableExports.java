package io.taskoverflow.operator.unreadable;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.taskoverflow.model.CalendarExport;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The exports whose stored form does not fit the model (say a field of the wrong type, written
 * while a looser CRD was installed), each at the resourceVersion that could not be read. fabric8's
 * informer stops at the first object it cannot deserialise, and JOSDK then ends the process; so
 * {@link LenientExportDeserializer} hands the informer a placeholder instead and records it here.
 * The controller skips a placeholder, and each unreadable version is announced once.
 */
public final class UnreadableExports {

  private record Unreadable(String resourceVersion, String problem) {}

  private final Map<String, Unreadable> byUid = new ConcurrentHashMap<>();
  private final BiConsumer<CalendarExport, String> announce;

  /**
   * @param announce told once about each unreadable version, with the placeholder (name, namespace,
   *     uid) and the problem; called on the thread that read it, so it must not block
   */
  public UnreadableExports(BiConsumer<CalendarExport, String> announce) {
    this.announce = announce;
  }

  /**
   * A new client for {@code config} whose reads of exports never fail: one that does not fit the
   * model comes back as a placeholder recorded here. The caller closes it.
   */
  public KubernetesClient newClient(Config config) {
    return new KubernetesClientBuilder()
        .withConfig(config)
        .withKubernetesSerialization(LenientExportDeserializer.serialization(this))
        .build();
  }

  void record(CalendarExport placeholder, String problem) {
    Unreadable unreadable = new Unreadable(placeholder.getMetadata().getResourceVersion(), problem);
    Unreadable before = byUid.put(placeholder.getMetadata().getUid(), unreadable);
    // The same version is read again by every list, watch restart and clone.
    if (!unreadable.equals(before)) {
      announce.accept(placeholder, problem);
    }
  }

  /** Whether this is the placeholder of a version that could not be read. */
  public boolean isUnreadable(HasMetadata export) {
    Unreadable unreadable = byUid.get(export.getMetadata().getUid());
    return unreadable != null
        && Objects.equals(unreadable.resourceVersion(), export.getMetadata().getResourceVersion());
  }

  /**
   * For the controller's event filters: false for a placeholder, so JOSDK neither adds its
   * finalizer nor reconciles it; a version read well again ends the record.
   */
  public boolean accept(CalendarExport export) {
    if (isUnreadable(export)) {
      return false;
    }
    byUid.remove(export.getMetadata().getUid());
    return true;
  }
}

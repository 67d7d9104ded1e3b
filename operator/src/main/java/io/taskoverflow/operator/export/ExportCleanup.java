package io.taskoverflow.operator.export;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.operator.cleanup.CalendarStore;
import io.taskoverflow.operator.cleanup.CalendarStoreException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Ends an export's life: deletes it when it expires, and its calendar when it is gone. */
public class ExportCleanup {

  private static final Logger LOG = LoggerFactory.getLogger(ExportCleanup.class);

  private final CalendarStore store;

  public ExportCleanup(CalendarStore store) {
    this.store = store;
  }

  public void expire(CalendarExport export, KubernetesClient client) {
    LOG.info(
        "Export {}/{} expired; deleting it",
        export.getMetadata().getNamespace(),
        export.getMetadata().getName());
    client.resource(export).delete();
  }

  /**
   * Never blocks the deletion: a database that is down now only delays the calendar's removal until
   * the orphan sweep finds it.
   */
  public void deleteCalendar(CalendarExport export) {
    try {
      store.delete(UUID.fromString(export.getMetadata().getUid()));
    } catch (CalendarStoreException e) {
      LOG.warn(
          "Calendar of deleted export {}/{} left for the orphan sweep: {}",
          export.getMetadata().getNamespace(),
          export.getMetadata().getName(),
          e.getMessage());
    }
  }
}

package io.taskoverflow.operator.export;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.status.CalendarExportStatus;

/** The object a server-side apply of an export's status sends: its identity and the status. */
final class StatusApply {

  private StatusApply() {}

  static CalendarExport of(CalendarExport export, CalendarExportStatus status) {
    CalendarExport apply = new CalendarExport();
    apply.setMetadata(
        new ObjectMetaBuilder()
            .withName(export.getMetadata().getName())
            .withNamespace(export.getMetadata().getNamespace())
            .build());
    // The model fills in a default spec; the status subresource ignores it, but an apply should
    // say only what this field manager owns.
    apply.setSpec(null);
    apply.setStatus(status);
    return apply;
  }
}

package io.taskoverflow.operator;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.spec.CalendarExportSpec;

/** CalendarExports as the API server hands them to the operator, for the unit tests. */
public final class ExportObjects {

  private ExportObjects() {}

  /**
   * An export in namespace team-a at generation 1, with the default spec; {@code uid} may be null.
   */
  public static CalendarExport export(String name, String uid) {
    CalendarExport export = new CalendarExport();
    export.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace("team-a")
            .withUid(uid)
            .withGeneration(1L)
            .build());
    export.setSpec(new CalendarExportSpec());
    return export;
  }
}

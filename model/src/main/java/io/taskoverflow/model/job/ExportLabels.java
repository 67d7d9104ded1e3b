package io.taskoverflow.model.job;

/** Labels on the objects that belong to one export. */
public final class ExportLabels {

  /** Names the CalendarExport a Job or Pod works for. */
  public static final String EXPORT = "taskoverflow.io/export";

  public static final String NAME = "app.kubernetes.io/name";
  public static final String INSTANCE = "app.kubernetes.io/instance";
  public static final String VERSION = "app.kubernetes.io/version";
  public static final String COMPONENT = "app.kubernetes.io/component";
  public static final String PART_OF = "app.kubernetes.io/part-of";
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";

  public static final String PART_OF_VALUE = "taskoverflow";
  public static final String GENERATOR_COMPONENT = "calendar-generator";
  public static final String OPERATOR_NAME = "taskoverflow-operator";

  private ExportLabels() {}
}

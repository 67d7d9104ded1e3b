package io.taskoverflow.operator.job;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRuleBuilder;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.job.DatabaseSecret;
import io.taskoverflow.model.job.ExportLabels;
import io.taskoverflow.model.job.GeneratorEnv;
import io.taskoverflow.model.job.GeneratorExitCode;
import io.taskoverflow.model.spec.CalendarExportSpec;
import io.taskoverflow.model.spec.ExportFilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the one generator Job of an export (docs/resource-and-job.md); pure, so every field is
 * unit-tested.
 */
public record GeneratorJobFactory(GeneratorJobSettings settings, ExportLimits limits) {

  public static final String CONTAINER_NAME = "generator";

  /** The export's full name, for names too long to be a label value. */
  public static final String EXPORT_NAME_ANNOTATION = "taskoverflow.io/export-name";

  /** The generator image's own non-root user (jib's 65532), as the chart's pods run theirs. */
  static final long NON_ROOT_UID = 65532L;

  /**
   * A finished Job is kept at least this long, so the operator reads its outcome before the TTL
   * controller removes it, even for exports that expire at once.
   */
  static final long MIN_JOB_TTL_SECONDS = 60;

  /** The export's Job, suspended: it waits in the generator queue until it is admitted. */
  public Job jobFor(CalendarExport export) {
    return jobFor(export, false);
  }

  /**
   * The export's Job; created suspended unless {@code admitted}, so it runs only when the queue
   * admits it. A Job's deadline counts from when it is resumed: Kubernetes resets the Job's
   * status.startTime on resume, and activeDeadlineSeconds is measured from it ("Suspending a Job",
   * https://kubernetes.io/docs/concepts/workloads/controllers/job/#suspending-a-job). Time spent
   * queued is therefore never charged to the export's time limit.
   */
  public Job jobFor(CalendarExport export, boolean admitted) {
    String exportName = export.getMetadata().getName();
    String jobName = JobNames.forExport(exportName);
    CalendarExportSpec spec = export.getSpec();
    Map<String, String> labels = labels(jobName);
    Map<String, String> annotations = Map.of(EXPORT_NAME_ANNOTATION, exportName);
    return new JobBuilder()
        .withNewMetadata()
        .withName(jobName)
        .withNamespace(export.getMetadata().getNamespace())
        .withLabels(labels)
        .withAnnotations(annotations)
        .withOwnerReferences(controllerReference(export))
        .endMetadata()
        .withNewSpec()
        .withSuspend(!admitted)
        .withBackoffLimit(limits.backoffLimitFor(spec))
        .withActiveDeadlineSeconds(limits.activeDeadlineSecondsFor(spec))
        .withTtlSecondsAfterFinished(
            (int) Math.max(limits.ttlSecondsFor(spec), MIN_JOB_TTL_SECONDS))
        .withNewPodFailurePolicy()
        .withRules(failJobOnPermanentError(), ignoreDisruptions())
        .endPodFailurePolicy()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(labels)
        .withAnnotations(annotations)
        .endMetadata()
        .withNewSpec()
        .withRestartPolicy("Never")
        .withServiceAccountName(settings.serviceAccountName())
        // The generator never talks to the Kubernetes API: no token, whatever the account.
        .withAutomountServiceAccountToken(false)
        .withEnableServiceLinks(false)
        // Where the pods may run (chart: generator.nodeSelector, .tolerations, .affinity).
        .withNodeSelector(settings.pod().nodeSelectorOrNull())
        .withTolerations(settings.pod().tolerationsOrNull())
        .withAffinity(settings.pod().affinity())
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withRunAsUser(NON_ROOT_UID)
        .withRunAsGroup(NON_ROOT_UID)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .endSecurityContext()
        .addNewContainer()
        .withName(CONTAINER_NAME)
        .withImage(settings.image())
        .withImagePullPolicy(settings.imagePullPolicy())
        .withEnv(env(export))
        .withNewResources()
        .withRequests(
            Map.of(
                "cpu", new Quantity(settings.cpuRequest()),
                "memory", new Quantity(settings.memoryRequest())))
        .withLimits(
            Map.of(
                "cpu", new Quantity(settings.cpuLimit()),
                "memory", new Quantity(settings.memoryLimit())))
        .endResources()
        .withNewSecurityContext()
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withRunAsNonRoot(true)
        .withCapabilities(new Capabilities(null, List.of("ALL")))
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .endSecurityContext()
        .withTerminationMessagePath(GeneratorEnv.DEFAULT_TERMINATION_MESSAGE_PATH)
        .withTerminationMessagePolicy("File")
        .addNewVolumeMount()
        .withName("tmp")
        .withMountPath("/tmp")
        .endVolumeMount()
        // The database CA bundle, read-only, where the JDBC URL's sslrootcert= points.
        .addAllToVolumeMounts(settings.pod().volumeMounts())
        .endContainer()
        // The JVM and the generator need somewhere to write besides the read-only root.
        .addNewVolume()
        .withName("tmp")
        .withNewEmptyDir()
        .withSizeLimit(new Quantity("64Mi"))
        .endEmptyDir()
        .endVolume()
        .addAllToVolumes(settings.pod().volumes())
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private Map<String, String> labels(String shortName) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(ExportLabels.EXPORT, shortName);
    labels.put(ExportLabels.NAME, "taskoverflow-generator");
    labels.put(ExportLabels.INSTANCE, shortName);
    labels.put(ExportLabels.COMPONENT, ExportLabels.GENERATOR_COMPONENT);
    labels.put(ExportLabels.PART_OF, ExportLabels.PART_OF_VALUE);
    labels.put(ExportLabels.MANAGED_BY, ExportLabels.OPERATOR_NAME);
    labels.put(ExportLabels.VERSION, imageVersion(settings.image()));
    return labels;
  }

  /** The image's tag: the version of the generator that runs. */
  static String imageVersion(String image) {
    String withoutDigest = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
    int colon = withoutDigest.lastIndexOf(':');
    String tag =
        colon > withoutDigest.lastIndexOf('/') ? withoutDigest.substring(colon + 1) : "latest";
    String value = tag.replaceAll("[^A-Za-z0-9._-]", "-");
    value = value.length() > 63 ? value.substring(0, 63) : value;
    return value.replaceAll("^[^A-Za-z0-9]+|[^A-Za-z0-9]+$", "");
  }

  private static OwnerReference controllerReference(CalendarExport export) {
    // JOSDK adds an owner reference without controller: true; this one is the real controller.
    return new OwnerReferenceBuilder()
        .withApiVersion(export.getApiVersion())
        .withKind(export.getKind())
        .withName(export.getMetadata().getName())
        .withUid(export.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }

  private List<EnvVar> env(CalendarExport export) {
    CalendarExportSpec spec = export.getSpec();
    List<EnvVar> env = new ArrayList<>();
    env.add(plain(GeneratorEnv.EXPORT_NAME, export.getMetadata().getName()));
    env.add(plain(GeneratorEnv.EXPORT_NAMESPACE, export.getMetadata().getNamespace()));
    env.add(plain(GeneratorEnv.EXPORT_UID, export.getMetadata().getUid()));
    env.add(plain(GeneratorEnv.CALENDAR_NAME, spec.getCalendarName()));
    env.add(plain(GeneratorEnv.CALENDAR_COMPONENT, spec.getComponent().name()));
    ExportFilter filter = spec.getFilter();
    if (filter != null && filter.completed() != null) {
      env.add(plain(GeneratorEnv.FILTER_COMPLETED, filter.completed().toString()));
    }
    if (filter != null && filter.windowDays() != null) {
      env.add(plain(GeneratorEnv.FILTER_WINDOW_DAYS, filter.windowDays().toString()));
    }
    env.add(plain(GeneratorEnv.GENERATOR_IMAGE, settings.image()));
    env.add(plain(GeneratorEnv.MAX_RESULT_BYTES, Long.toString(settings.maxResultBytes())));
    env.add(fromSecret(GeneratorEnv.DB_URL, DatabaseSecret.JDBC_URL_KEY));
    env.add(fromSecret(GeneratorEnv.DB_USER, DatabaseSecret.USERNAME_KEY));
    env.add(fromSecret(GeneratorEnv.DB_PASSWORD, DatabaseSecret.PASSWORD_KEY));
    return env;
  }

  private static EnvVar plain(String name, String value) {
    return new EnvVarBuilder().withName(name).withValue(value).build();
  }

  private EnvVar fromSecret(String name, String key) {
    return new EnvVarBuilder()
        .withName(name)
        .withNewValueFrom()
        .withNewSecretKeyRef()
        .withName(settings.dbSecretName())
        .withKey(key)
        .withOptional(false)
        .endSecretKeyRef()
        .endValueFrom()
        .build();
  }

  private static PodFailurePolicyRule failJobOnPermanentError() {
    return new PodFailurePolicyRuleBuilder()
        .withAction("FailJob")
        .withNewOnExitCodes()
        .withContainerName(CONTAINER_NAME)
        .withOperator("In")
        .withValues(GeneratorExitCode.PERMANENT)
        .endOnExitCodes()
        .build();
  }

  private static PodFailurePolicyRule ignoreDisruptions() {
    // Evicted or preempted pods are not the generator's fault: retry without counting.
    return new PodFailurePolicyRuleBuilder()
        .withAction("Ignore")
        .addNewOnPodCondition()
        .withType("DisruptionTarget")
        .withStatus("True")
        .endOnPodCondition()
        .build();
  }
}

package io.taskoverflow.operator.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import io.taskoverflow.model.CalendarExport;
import io.taskoverflow.model.spec.CalendarComponent;
import io.taskoverflow.model.spec.CalendarExportSpec;
import io.taskoverflow.model.spec.ExportFilter;
import io.taskoverflow.operator.ExportObjects;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GeneratorJobFactoryTest {

  private static final String UID = "6f1c8a5e-0d7b-4a53-9a47-2f7f3c1a9b10";
  static final ExportLimits LIMITS = new ExportLimits(3, 10, 600, 3600, 86400, 604800);
  static final GeneratorJobSettings SETTINGS =
      settings("taskoverflow-generator", GeneratorPodSettings.NONE);

  private final GeneratorJobFactory factory = new GeneratorJobFactory(SETTINGS, LIMITS);

  @Test
  void theJobIsNamedAfterTheExportAndControlledByIt() {
    Job job = factory.jobFor(export("weekly", spec -> {}));

    assertThat(job.getMetadata().getName()).isEqualTo("weekly");
    assertThat(job.getMetadata().getNamespace()).isEqualTo("team-a");
    assertThat(job.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(
            owner -> {
              assertThat(owner.getUid()).isEqualTo(UID);
              assertThat(owner.getKind()).isEqualTo("CalendarExport");
              assertThat(owner.getApiVersion()).isEqualTo("taskoverflow.io/v1");
              assertThat(owner.getController()).isTrue();
              assertThat(owner.getBlockOwnerDeletion()).isTrue();
            });
  }

  @Test
  void theJobIsCreatedSuspendedUnlessTheQueueAdmittedItAlready() {
    assertThat(factory.jobFor(export("weekly", spec -> {})).getSpec().getSuspend()).isTrue();
    assertThat(factory.jobFor(export("weekly", spec -> {}), false).getSpec().getSuspend()).isTrue();
    assertThat(factory.jobFor(export("weekly", spec -> {}), true).getSpec().getSuspend()).isFalse();
  }

  @Test
  void jobAndPodCarryTheStandardLabels() {
    Job job = factory.jobFor(export("weekly", spec -> {}));
    Map<String, String> expected =
        Map.of(
            "taskoverflow.io/export", "weekly",
            "app.kubernetes.io/name", "taskoverflow-generator",
            "app.kubernetes.io/instance", "weekly",
            "app.kubernetes.io/component", "calendar-generator",
            "app.kubernetes.io/part-of", "taskoverflow",
            "app.kubernetes.io/managed-by", "taskoverflow-operator",
            "app.kubernetes.io/version", "1.4.2");

    assertThat(job.getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(expected);
    assertThat(job.getSpec().getTemplate().getMetadata().getLabels())
        .containsExactlyInAnyOrderEntriesOf(expected);
    assertThat(job.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry(GeneratorJobFactory.EXPORT_NAME_ANNOTATION, "weekly");
  }

  @Test
  void thePodFollowsTheRestrictedPodSecurityStandard() {
    PodSpec pod = factory.jobFor(export("weekly", spec -> {})).getSpec().getTemplate().getSpec();
    Container container = pod.getContainers().get(0);

    assertThat(pod.getRestartPolicy()).isEqualTo("Never");
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).as("the image's user").isEqualTo(65532L);
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(container.getSecurityContext().getCapabilities().getAdd()).isNullOrEmpty();
    assertThat(container.getSecurityContext().getSeccompProfile().getType())
        .isEqualTo("RuntimeDefault");
  }

  @Test
  void thePodRunsAsTheConfiguredAccountWithoutItsToken() {
    PodSpec pod = factory.jobFor(export("weekly", spec -> {})).getSpec().getTemplate().getSpec();

    assertThat(pod.getServiceAccountName()).isEqualTo("taskoverflow-generator");
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
  }

  @Test
  void withoutAConfiguredAccountKubernetesPicksTheDefaultOneStillWithoutItsToken() {
    GeneratorJobSettings noAccount = settings(null, GeneratorPodSettings.NONE);

    PodSpec pod =
        new GeneratorJobFactory(noAccount, LIMITS)
            .jobFor(export("weekly", spec -> {}))
            .getSpec()
            .getTemplate()
            .getSpec();

    assertThat(pod.getServiceAccountName()).isNull();
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
  }

  @Test
  void theContainerHasItsImageResourcesTerminationMessageAndAWritableTmp() {
    PodSpec pod = factory.jobFor(export("weekly", spec -> {})).getSpec().getTemplate().getSpec();
    Container container = pod.getContainers().get(0);

    assertThat(pod.getContainers()).hasSize(1);
    assertThat(container.getName()).isEqualTo("generator");
    assertThat(container.getImage()).isEqualTo(SETTINGS.image());
    assertThat(container.getImagePullPolicy()).isEqualTo("IfNotPresent");
    assertThat(container.getResources().getRequests())
        .containsEntry("cpu", new Quantity("100m"))
        .containsEntry("memory", new Quantity("128Mi"));
    assertThat(container.getResources().getLimits())
        .containsEntry("cpu", new Quantity("1"))
        .containsEntry("memory", new Quantity("256Mi"));
    assertThat(container.getTerminationMessagePolicy()).isEqualTo("File");
    assertThat(container.getTerminationMessagePath()).isEqualTo("/dev/termination-log");
    assertThat(container.getVolumeMounts())
        .singleElement()
        .satisfies(mount -> assertThat(mount.getMountPath()).isEqualTo("/tmp"));
    assertThat(pod.getVolumes())
        .singleElement()
        .satisfies(
            volume -> {
              assertThat(volume.getName()).isEqualTo(container.getVolumeMounts().get(0).getName());
              assertThat(volume.getEmptyDir()).isNotNull();
            });
  }

  @Test
  void theExportIsDescribedByPlainEnvAndTheDatabaseOnlyBySecretReferences() {
    Job job =
        factory.jobFor(
            export(
                "weekly",
                spec -> {
                  spec.setCalendarName("Work");
                  spec.setComponent(CalendarComponent.VTODO);
                  spec.setFilter(new ExportFilter(false, 7));
                }));
    Map<String, EnvVar> env =
        job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
            .collect(Collectors.toMap(EnvVar::getName, var -> var));

    assertThat(env.get("EXPORT_NAME").getValue()).isEqualTo("weekly");
    assertThat(env.get("EXPORT_NAMESPACE").getValue()).isEqualTo("team-a");
    assertThat(env.get("EXPORT_UID").getValue()).isEqualTo(UID);
    assertThat(env.get("CALENDAR_NAME").getValue()).isEqualTo("Work");
    assertThat(env.get("CALENDAR_COMPONENT").getValue()).isEqualTo("VTODO");
    assertThat(env.get("FILTER_COMPLETED").getValue()).isEqualTo("false");
    assertThat(env.get("FILTER_WINDOW_DAYS").getValue()).isEqualTo("7");
    assertThat(env.get("GENERATOR_IMAGE").getValue())
        .isEqualTo(job.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
    assertThat(env.get("MAX_RESULT_BYTES").getValue()).isEqualTo("67108864");
    assertSecretRef(env.get("DB_URL"), "jdbc-url");
    assertSecretRef(env.get("DB_USER"), "username");
    assertSecretRef(env.get("DB_PASSWORD"), "password");
  }

  @Test
  void absentFiltersLeaveTheirVariablesUnset() {
    Job job = factory.jobFor(export("weekly", spec -> {}));

    assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
        .extracting(EnvVar::getName)
        .doesNotContain("FILTER_COMPLETED", "FILTER_WINDOW_DAYS");
  }

  @Test
  void theJobGetsTheOperatorsDefaultLimits() {
    Job job = factory.jobFor(export("weekly", spec -> {}));

    assertThat(job.getSpec().getBackoffLimit()).isEqualTo(3);
    assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(600);
    assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(86400);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "honoured within the operator's maxima, 5, 120, 3600, 5, 120, 3600",
    "clamped above the maxima, 20, 86400, 2592000, 10, 3600, 604800",
  })
  void perExportLimitsAreHonouredUpToTheOperatorsMaxima(
      String label,
      int backoffLimit,
      long activeDeadlineSeconds,
      int ttlSecondsAfterFinished,
      int expectedBackoffLimit,
      long expectedActiveDeadlineSeconds,
      int expectedTtlSecondsAfterFinished) {
    Job job =
        factory.jobFor(
            export(
                "weekly",
                spec -> {
                  spec.setBackoffLimit(backoffLimit);
                  spec.setActiveDeadlineSeconds(activeDeadlineSeconds);
                  spec.setTtlSecondsAfterFinished(ttlSecondsAfterFinished);
                }));

    assertThat(job.getSpec().getBackoffLimit()).isEqualTo(expectedBackoffLimit);
    assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(expectedActiveDeadlineSeconds);
    assertThat(job.getSpec().getTtlSecondsAfterFinished())
        .isEqualTo(expectedTtlSecondsAfterFinished);
  }

  @Test
  void aFinishedJobIsKeptLongEnoughForItsOutcomeToBeRead() {
    Job job = factory.jobFor(export("weekly", spec -> spec.setTtlSecondsAfterFinished(0)));

    assertThat(job.getSpec().getTtlSecondsAfterFinished())
        .isEqualTo((int) GeneratorJobFactory.MIN_JOB_TTL_SECONDS);
  }

  @Test
  void exitCodeTwoFailsTheJobAtOnceAndDisruptionsAreNotCounted() {
    Job job = factory.jobFor(export("weekly", spec -> {}));
    PodFailurePolicyRule failJob = job.getSpec().getPodFailurePolicy().getRules().get(0);
    PodFailurePolicyRule ignore = job.getSpec().getPodFailurePolicy().getRules().get(1);

    assertThat(failJob.getAction()).isEqualTo("FailJob");
    assertThat(failJob.getOnExitCodes().getContainerName()).isEqualTo("generator");
    assertThat(failJob.getOnExitCodes().getOperator()).isEqualTo("In");
    assertThat(failJob.getOnExitCodes().getValues()).containsExactly(2);
    assertThat(ignore.getAction()).isEqualTo("Ignore");
    assertThat(ignore.getOnPodConditions())
        .singleElement()
        .satisfies(
            condition -> {
              assertThat(condition.getType()).isEqualTo("DisruptionTarget");
              assertThat(condition.getStatus()).isEqualTo("True");
            });
  }

  @Test
  void aNameTooLongForALabelIsShortenedButTheFullNameIsKeptInAnAnnotation() {
    String longName = "export-" + "x".repeat(80);
    Job job = factory.jobFor(export(longName, spec -> {}));

    assertThat(job.getMetadata().getName()).hasSizeLessThanOrEqualTo(63);
    assertThat(job.getMetadata().getLabels().get("taskoverflow.io/export"))
        .isEqualTo(job.getMetadata().getName());
    assertThat(job.getMetadata().getAnnotations())
        .containsEntry(GeneratorJobFactory.EXPORT_NAME_ANNOTATION, longName);
  }

  @Test
  void theVersionLabelIsTheImageTag() {
    assertThat(GeneratorJobFactory.imageVersion("generator:2.0")).isEqualTo("2.0");
    assertThat(GeneratorJobFactory.imageVersion("localhost:5000/generator")).isEqualTo("latest");
    assertThat(GeneratorJobFactory.imageVersion("generator:1.0@sha256:abc")).isEqualTo("1.0");
  }

  private static void assertSecretRef(EnvVar var, String key) {
    assertThat(var.getValue()).isNull();
    assertThat(var.getValueFrom().getSecretKeyRef().getName()).isEqualTo("taskoverflow-db");
    assertThat(var.getValueFrom().getSecretKeyRef().getKey()).isEqualTo(key);
  }

  /** The test's generator settings, with this account and these pod settings. */
  static GeneratorJobSettings settings(String serviceAccount, GeneratorPodSettings pod) {
    return new GeneratorJobSettings(
        "registry.example/taskoverflow/generator:1.4.2",
        "IfNotPresent",
        "100m",
        "1",
        "128Mi",
        "256Mi",
        "taskoverflow-db",
        serviceAccount,
        67_108_864L,
        pod);
  }

  static CalendarExport export(String name, Consumer<CalendarExportSpec> customise) {
    CalendarExport export = ExportObjects.export(name, UID);
    customise.accept(export.getSpec());
    return export;
  }
}

package io.taskoverflow.sandbox.node;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Fixture builder for Jobs that run {@link TestImageMain}. */
final class TestJobs {

  static final String IMAGE = "example.org/runner-test-image:1";

  private final String name;
  private final List<EnvVar> env = new ArrayList<>();
  private String image = IMAGE;
  private Integer backoffLimit;
  private Long activeDeadlineSeconds;
  private Integer ttlSecondsAfterFinished;
  private boolean failJobOnExitCode2;

  private TestJobs(String name) {
    this.name = name;
  }

  static TestJobs job(String name) {
    return new TestJobs(name);
  }

  TestJobs exitCode(int code) {
    return env("EXIT_CODE", String.valueOf(code));
  }

  TestJobs runMillis(long millis) {
    return env("RUN_MILLIS", String.valueOf(millis));
  }

  /** Runs until {@code file} exists. */
  TestJobs runUntilFileExists(java.nio.file.Path file) {
    return env("WAIT_FOR_FILE", file.toAbsolutePath().toString());
  }

  TestJobs env(String name, String value) {
    env.add(new EnvVarBuilder().withName(name).withValue(value).build());
    return this;
  }

  TestJobs secretEnv(String name, String secret, String key) {
    env.add(
        new EnvVarBuilder()
            .withName(name)
            .withNewValueFrom()
            .withNewSecretKeyRef()
            .withName(secret)
            .withKey(key)
            .endSecretKeyRef()
            .endValueFrom()
            .build());
    return this;
  }

  TestJobs image(String image) {
    this.image = image;
    return this;
  }

  TestJobs backoffLimit(int limit) {
    this.backoffLimit = limit;
    return this;
  }

  TestJobs activeDeadlineSeconds(long seconds) {
    this.activeDeadlineSeconds = seconds;
    return this;
  }

  TestJobs ttlSecondsAfterFinished(int seconds) {
    this.ttlSecondsAfterFinished = seconds;
    return this;
  }

  TestJobs failJobOnExitCode2() {
    this.failJobOnExitCode2 = true;
    return this;
  }

  Job build() {
    JobBuilder builder =
        new JobBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace("default")
            .withLabels(Map.of("taskoverflow.io/export", name))
            .endMetadata()
            .withNewSpec()
            .withBackoffLimit(backoffLimit)
            .withActiveDeadlineSeconds(activeDeadlineSeconds)
            .withTtlSecondsAfterFinished(ttlSecondsAfterFinished)
            .withNewTemplate()
            .withNewMetadata()
            .withLabels(Map.of("taskoverflow.io/export", name))
            .endMetadata()
            .withNewSpec()
            .withRestartPolicy("Never")
            .withTerminationGracePeriodSeconds(2L)
            .addNewContainer()
            .withName("generator")
            .withImage(image)
            .withEnv(env)
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec();
    if (failJobOnExitCode2) {
      builder
          .editSpec()
          .withNewPodFailurePolicy()
          .addNewRule()
          .withAction("FailJob")
          .withNewOnExitCodes()
          .withContainerName("generator")
          .withOperator("In")
          .withValues(2)
          .endOnExitCodes()
          .endRule()
          .endPodFailurePolicy()
          .endSpec();
    }
    return builder.build();
  }
}

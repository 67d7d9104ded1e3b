package io.taskoverflow.sandbox.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.taskoverflow.sandbox.runner.PodFailurePolicyEvaluator.Action;
import org.junit.jupiter.api.Test;

class PodFailurePolicyEvaluatorTest {

  private final Job job =
      new JobBuilder(TestJobs.job("policy").failJobOnExitCode2().build())
          .editSpec()
          .editPodFailurePolicy()
          .addNewRule()
          .withAction("Ignore")
          .withNewOnExitCodes()
          .withOperator("In")
          .withValues(143)
          .endOnExitCodes()
          .endRule()
          .endPodFailurePolicy()
          .endSpec()
          .build();

  @Test
  void exitCodeTwoFailsTheJobNamingTheRule() {
    var verdict = PodFailurePolicyEvaluator.evaluate(job, failedWith(2));

    assertThat(verdict.action()).isEqualTo(Action.FAIL_JOB);
    assertThat(verdict.message())
        .isEqualTo(
            "Container generator for pod default/policy-abcde failed with exit code 2"
                + " matching FailJob rule at index 0");
  }

  @Test
  void ignoredExitCodeDoesNotCountAndOthersDo() {
    assertThat(PodFailurePolicyEvaluator.evaluate(job, failedWith(143)).action())
        .isEqualTo(Action.IGNORE);
    assertThat(PodFailurePolicyEvaluator.evaluate(job, failedWith(1)).action())
        .isEqualTo(Action.COUNT);
  }

  @Test
  void withoutAPolicyEveryFailureCounts() {
    Job plain = TestJobs.job("plain").build();

    assertThat(PodFailurePolicyEvaluator.evaluate(plain, failedWith(2)).action())
        .isEqualTo(Action.COUNT);
  }

  private static Pod failedWith(int exitCode) {
    return new PodBuilder()
        .withNewMetadata()
        .withName("policy-abcde")
        .withNamespace("default")
        .endMetadata()
        .withNewStatus()
        .withPhase("Failed")
        .addNewContainerStatus()
        .withName("generator")
        .withNewState()
        .withNewTerminated()
        .withExitCode(exitCode)
        .endTerminated()
        .endState()
        .endContainerStatus()
        .endStatus()
        .build();
  }
}

package io.taskoverflow.sandbox.runner;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyOnExitCodesRequirement;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyOnPodConditionsPattern;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Decides what a failed pod means for its Job, per {@code spec.podFailurePolicy}. */
final class PodFailurePolicyEvaluator {

  enum Action {
    FAIL_JOB,
    IGNORE,
    COUNT
  }

  /** The action and, for FailJob, the Job condition message Kubernetes would write. */
  record Verdict(Action action, String message) {}

  private PodFailurePolicyEvaluator() {}

  static Verdict evaluate(Job job, Pod failedPod) {
    if (job.getSpec().getPodFailurePolicy() == null) {
      return new Verdict(Action.COUNT, null);
    }
    List<PodFailurePolicyRule> rules = job.getSpec().getPodFailurePolicy().getRules();
    for (int index = 0; index < rules.size(); index++) {
      PodFailurePolicyRule rule = rules.get(index);
      Optional<String> match = matches(rule, failedPod);
      if (match.isPresent()) {
        Action action =
            switch (rule.getAction()) {
              case "FailJob" -> Action.FAIL_JOB;
              case "Ignore" -> Action.IGNORE;
              default -> Action.COUNT; // Count, and FailIndex (indexed Jobs only)
            };
        return new Verdict(
            action, match.get() + " matching " + rule.getAction() + " rule at index " + index);
      }
    }
    return new Verdict(Action.COUNT, null);
  }

  private static Optional<String> matches(PodFailurePolicyRule rule, Pod pod) {
    String podName = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    if (rule.getOnExitCodes() != null) {
      PodFailurePolicyOnExitCodesRequirement requirement = rule.getOnExitCodes();
      for (ContainerStatus container : pod.getStatus().getContainerStatuses()) {
        if (container.getState() == null || container.getState().getTerminated() == null) {
          continue;
        }
        if (requirement.getContainerName() != null
            && !requirement.getContainerName().equals(container.getName())) {
          continue;
        }
        int exitCode = container.getState().getTerminated().getExitCode();
        boolean listed = requirement.getValues().contains(exitCode);
        boolean matched =
            exitCode != 0 && ("In".equals(requirement.getOperator()) ? listed : !listed);
        if (matched) {
          return Optional.of(
              "Container "
                  + container.getName()
                  + " for pod "
                  + podName
                  + " failed with exit code "
                  + exitCode);
        }
      }
    }
    for (PodFailurePolicyOnPodConditionsPattern pattern : rule.getOnPodConditions()) {
      for (PodCondition condition : pod.getStatus().getConditions()) {
        if (pattern.getType().equals(condition.getType())
            && Objects.requireNonNullElse(pattern.getStatus(), "True")
                .equals(condition.getStatus())) {
          return Optional.of("Pod " + podName + " has condition " + pattern.getType());
        }
      }
    }
    return Optional.empty();
  }
}

package io.taskoverflow.sandbox.runner;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The Job controller's part of making and finding a Job's pods. */
final class JobPods {

  static final String JOB_NAME_LABEL = "batch.kubernetes.io/job-name";
  static final String LEGACY_JOB_NAME_LABEL = "job-name";
  static final String CONTROLLER_UID_LABEL = "batch.kubernetes.io/controller-uid";
  static final String LEGACY_CONTROLLER_UID_LABEL = "controller-uid";

  /** The alphabet Kubernetes uses for generated name suffixes (no vowels, no look-alikes). */
  private static final String SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  private static final SecureRandom RANDOM = new SecureRandom();

  private JobPods() {}

  /**
   * A new pod from the Job's template: {@code <job>-<5 random>}, job labels, controller ref; not
   * bound to a node yet (the scheduler does that).
   */
  static Pod newPod(Job job) {
    ObjectMeta template = job.getSpec().getTemplate().getMetadata();
    Map<String, String> labels = new LinkedHashMap<>();
    Map<String, String> annotations = new LinkedHashMap<>();
    if (template != null) {
      labels.putAll(Objects.requireNonNullElse(template.getLabels(), Map.of()));
      annotations.putAll(Objects.requireNonNullElse(template.getAnnotations(), Map.of()));
    }
    String jobName = job.getMetadata().getName();
    String jobUid = job.getMetadata().getUid();
    labels.put(JOB_NAME_LABEL, jobName);
    labels.put(LEGACY_JOB_NAME_LABEL, jobName);
    labels.put(CONTROLLER_UID_LABEL, jobUid);
    labels.put(LEGACY_CONTROLLER_UID_LABEL, jobUid);
    PodSpec spec = Serialization.clone(job.getSpec().getTemplate().getSpec());
    return new PodBuilder()
        .withNewMetadata()
        .withName(jobName + "-" + suffix())
        .withNamespace(job.getMetadata().getNamespace())
        .withLabels(labels)
        .withAnnotations(annotations)
        .withOwnerReferences(controllerReference(job))
        .endMetadata()
        .withSpec(spec)
        .withStatus(new PodStatusBuilder().withPhase("Pending").build())
        .build();
  }

  static boolean ownedBy(Pod pod, Job job) {
    List<OwnerReference> owners = pod.getMetadata().getOwnerReferences();
    return owners != null
        && owners.stream()
            .anyMatch(
                owner ->
                    Boolean.TRUE.equals(owner.getController())
                        && job.getMetadata().getUid().equals(owner.getUid()));
  }

  private static OwnerReference controllerReference(Job job) {
    return new OwnerReferenceBuilder()
        .withApiVersion("batch/v1")
        .withKind("Job")
        .withName(job.getMetadata().getName())
        .withUid(job.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }

  private static String suffix() {
    StringBuilder suffix = new StringBuilder(5);
    for (int i = 0; i < 5; i++) {
      suffix.append(SUFFIX_ALPHABET.charAt(RANDOM.nextInt(SUFFIX_ALPHABET.length())));
    }
    return suffix.toString();
  }
}

package io.taskoverflow.operator.job;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.config.dependent.DependentResourceSpec;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResourceFactory;

/**
 * Lets the Job dependent take its settings through a constructor; JOSDK would otherwise create it
 * reflectively with none.
 */
@SuppressWarnings({"rawtypes", "unchecked"})
public final class GeneratorJobDependentFactory
    implements DependentResourceFactory<
        ControllerConfiguration<?>, DependentResourceSpec<?, ?, ?>> {

  private final GeneratorJobFactory jobs;

  public GeneratorJobDependentFactory(GeneratorJobFactory jobs) {
    this.jobs = jobs;
  }

  @Override
  public DependentResource createFrom(
      DependentResourceSpec<?, ?, ?> spec, ControllerConfiguration<?> configuration) {
    if (spec.getDependentResourceClass() != GeneratorJobDependent.class) {
      return DEFAULT.createFrom(spec, configuration);
    }
    GeneratorJobDependent dependent = new GeneratorJobDependent(jobs);
    configure(dependent, spec, configuration);
    return dependent;
  }

  @Override
  public Class<?> associatedResourceType(DependentResourceSpec<?, ?, ?> spec) {
    return spec.getDependentResourceClass() == GeneratorJobDependent.class
        ? Job.class
        : DEFAULT.associatedResourceType(spec);
  }
}

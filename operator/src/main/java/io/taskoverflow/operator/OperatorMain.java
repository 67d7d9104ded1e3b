package io.taskoverflow.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/** Entry point of the operator image: configuration from the environment, client from the pod. */
public final class OperatorMain {

  private OperatorMain() {}

  public static void main(String[] args) {
    OperatorConfig config = OperatorConfig.fromEnv(System.getenv());
    KubernetesClient client = new KubernetesClientBuilder().build();
    CalendarExportOperator operator = CalendarExportOperator.start(client, config);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  operator.stop();
                  client.close();
                },
                "operator-shutdown"));
  }
}

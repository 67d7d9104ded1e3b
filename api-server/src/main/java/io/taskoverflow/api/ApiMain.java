package io.taskoverflow.api;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * {@code ApiMain} serves the API; {@code ApiMain migrate} only brings the database schema up to
 * date and exits (the Helm chart runs it as a hook before the api-server starts).
 */
public final class ApiMain {

  private ApiMain() {}

  public static void main(String[] args) {
    ApiConfig config = ApiConfig.fromEnv(System.getenv());
    if (args.length > 0 && args[0].equals("migrate")) {
      int applied = ApiApplication.migrate(config);
      System.out.println("Database schema up to date (" + applied + " migrations applied)");
      return;
    }
    if (args.length > 0) {
      System.err.println("usage: ApiMain [migrate]");
      System.exit(2);
    }
    KubernetesClient client = new KubernetesClientBuilder().build();
    ApiApplication app = ApiApplication.start(config, client);
    // Jetty's threads keep the JVM alive; SIGTERM runs this hook.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  app.stop();
                  client.close();
                },
                "api-server-shutdown"));
  }
}

package io.taskoverflow.sandbox;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code sandbox/start [--demo] [--fresh] [--port N] [--kube-port N] [--work-dir DIR] [--api-token
 * T] [--values FILE] [--set k=v]}: runs the whole system until Ctrl-C.
 */
public final class SandboxMain {

  private SandboxMain() {}

  public static void main(String[] args) throws InterruptedException {
    Sandbox.Builder builder = Sandbox.builder();
    List<Integer> fixedPorts = new ArrayList<>(List.of(Sandbox.DEFAULT_API_PORT));
    List<String> arguments = List.of(args);
    try {
      for (int i = 0; i < arguments.size(); i++) {
        switch (arguments.get(i)) {
          case "--demo" -> builder.demo(true);
          case "--port" -> {
            int port = Integer.parseInt(arguments.get(++i));
            builder.apiPort(port);
            fixedPorts.set(0, port);
          }
          case "--kube-port" -> {
            int port = Integer.parseInt(arguments.get(++i));
            builder.kubernetesPort(port);
            fixedPorts.add(port);
          }
          case "--work-dir" -> builder.workDirectory(Path.of(arguments.get(++i)));
          case "--fresh" -> builder.fresh(true);
          case "--set" -> builder.set(arguments.get(++i));
          case "--values", "-f" -> builder.values(Path.of(arguments.get(++i)));
          case "--api-token" -> builder.apiToken(arguments.get(++i));
          case "--help", "-h" -> {
            System.out.println(
                """
              usage: sandbox/start [--demo] [--fresh] [--port 6400] [--kube-port 0]
                                   [--work-dir .sandbox] [--api-token TOKEN]...
                                   [--values FILE]... [--set key=value]...
                --fresh        start with an empty cluster and database
                --api-token    require this bearer token on the API (16+ characters; repeatable)
                --values, --set  chart values for helm, e.g. --set apiServer.maxExportsInFlight=2000
              """);
            return;
          }
          default -> {
            System.err.println("unknown argument: " + arguments.get(i) + " (try --help)");
            System.exit(64);
          }
        }
      }
    } catch (IndexOutOfBoundsException e) {
      System.err.println(
          "sandbox: " + arguments.get(arguments.size() - 1) + " needs a value (try --help)");
      System.exit(64);
    } catch (IllegalArgumentException e) {
      System.err.println("sandbox: " + e.getMessage() + " (try --help)");
      System.exit(64);
    }
    // Say so before starting anything, rather than after four parts came up and went down again.
    for (int port : fixedPorts) {
      if (port != 0 && !isFree(port)) {
        System.err.printf(
            "sandbox: port %d is already in use (another sandbox?); choose one with --port N"
                + " or --kube-port N%n",
            port);
        System.exit(1);
      }
    }
    // The sandbox stops itself on Ctrl-C or SIGTERM; until then there is nothing to do here.
    Sandbox sandbox = builder.start();
    printUsage(sandbox);
    new CountDownLatch(1).await();
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      // As Jetty binds: connections lingering in TIME_WAIT do not make a port busy.
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void printUsage(Sandbox sandbox) {
    String api = sandbox.apiBaseUrl() + "/api/v1";
    Path here = Path.of("").toAbsolutePath();
    Path kubeconfigPath = sandbox.kubeconfigPath();
    String kubeconfig =
        kubeconfigPath.startsWith(here)
            ? here.relativize(kubeconfigPath).toString()
            : kubeconfigPath.toString();
    System.out.println(
        """

        TaskOverflow sandbox is up. Ctrl-C stops everything.

          api-server   %1$s   (web page: %2$s/)
          Kubernetes   %3$s   (%6$s; kubeconfig: %4$s)
          PostgreSQL   %5$s   (a pod of the chart)

        Try:
          curl -s -X POST %1$s/todos -H 'Content-Type: application/json' \\
               -d '{"title":"Hand in the report","deadline_at":"2026-06-01T12:00:00"}'
          curl -s -X POST %1$s/todos/ical
          curl -s %1$s/todos/ical/<task_id>/status
          curl -s %1$s/todos/ical/<task_id>/result

          export KUBECONFIG=%4$s
          kubectl get calendarexports,jobs,pods
          kubectl logs job/<job name>
          helm list        (helm: %7$s)
        """
            .formatted(
                api,
                sandbox.apiBaseUrl(),
                sandbox.kubernetesUrl(),
                kubeconfig,
                sandbox.jdbcUrl(),
                sandbox.kubernetes().version(),
                sandbox.helm().binary()));
  }
}

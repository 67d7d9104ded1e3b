package io.taskoverflow.sandbox;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sandbox/start}: runs the whole system until Ctrl-C; {@code --help} lists the options. */
@Command(
    name = "sandbox/start",
    sortOptions = false,
    exitCodeOnInvalidInput = SandboxMain.USAGE,
    description =
        "Runs TaskOverflow on a one-node Kubernetes cluster on this machine until Ctrl-C.")
public final class SandboxMain implements Callable<Integer> {

  /** What sysexits.h calls a usage error, for every wrong argument. */
  static final int USAGE = 64;

  @Option(names = "--demo", description = "load a few todos through the API once it is up")
  private boolean demo;

  @Option(names = "--fresh", description = "start with an empty cluster and database")
  private boolean fresh;

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "the api-server's port (default: ${DEFAULT-VALUE})")
  private int apiPort = Sandbox.DEFAULT_API_PORT;

  @Option(
      names = "--kube-port",
      paramLabel = "N",
      description = "kube-apiserver's port (default: a free one)")
  private int kubernetesPort;

  @Option(
      names = "--work-dir",
      paramLabel = "DIR",
      description = "where the sandbox keeps its data (default: .sandbox)")
  private Path workDirectory;

  @Option(
      names = "--api-token",
      paramLabel = "TOKEN",
      description = "require this bearer token on the API (16+ characters; repeatable)")
  private List<String> apiTokens = List.of();

  @Option(
      names = {"--values", "-f"},
      paramLabel = "FILE",
      description = "a chart values file for helm (repeatable)")
  private List<Path> valueFiles = List.of();

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "a chart value, e.g. apiServer.maxExportsInFlight=2000 (repeatable)")
  private List<String> values = List.of();

  @Option(
      names = {"--help", "-h"},
      usageHelp = true,
      description = "print this help")
  private boolean help;

  @Spec private CommandSpec spec;

  private SandboxMain() {}

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    return new CommandLine(new SandboxMain());
  }

  @Override
  public Integer call() throws InterruptedException {
    Sandbox.Builder builder = builder();
    // Say so before starting anything, rather than after four parts came up and went down again.
    for (int port : List.of(apiPort, kubernetesPort)) {
      if (port != 0 && !isFree(port)) {
        System.err.printf(
            "sandbox: port %d is already in use (another sandbox?); choose one with --port N"
                + " or --kube-port N%n",
            port);
        return 1;
      }
    }
    // The sandbox stops itself on Ctrl-C or SIGTERM; until then there is nothing to do here.
    Sandbox sandbox = builder.start();
    printUsage(sandbox);
    new CountDownLatch(1).await();
    return 0;
  }

  /** The options as the builder takes them; what it refuses is a usage error like a bad option. */
  private Sandbox.Builder builder() {
    try {
      Sandbox.Builder builder =
          Sandbox.builder().demo(demo).fresh(fresh).apiPort(apiPort).kubernetesPort(kubernetesPort);
      if (workDirectory != null) {
        builder.workDirectory(workDirectory);
      }
      apiTokens.forEach(builder::apiToken);
      valueFiles.forEach(builder::values);
      values.forEach(builder::set);
      return builder;
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
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

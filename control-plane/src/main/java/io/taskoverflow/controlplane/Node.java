package io.taskoverflow.controlplane;

import io.fabric8.kubernetes.api.model.NodeCondition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real worker node on this machine, joined to a {@link ControlPlane}: containerd (runc, the
 * bridge CNI), the kubelet and kube-proxy, each supervised. The kubelet and kube-proxy bind to
 * 127.0.0.1; node ports answer on loopback only. One node per machine: the CNI bridge, the pod
 * subnet and the runtime's socket are the machine's.
 */
public final class Node implements AutoCloseable {

  /** The node's name, which kube-apiserver resolves to 127.0.0.1 to reach the kubelet. */
  public static final String NAME = "localhost";

  /** Where the cluster DNS Service must live: the kubelet points every pod at it. */
  public static final String CLUSTER_DNS = "10.96.0.10";

  static final Path RUN_DIRECTORY = Path.of("/run/taskoverflow-sandbox");
  static final Path CONTAINERD_SOCKET = RUN_DIRECTORY.resolve("containerd.sock");
  static final String POD_SUBNET = "10.244.0.0/24";

  private static final Logger LOG = LoggerFactory.getLogger(Node.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
  private static final List<String> HOST_COMMANDS =
      List.of("containerd", "containerd-shim-runc-v2", "runc", "iptables", "openssl");

  private final ControlPlane controlPlane;
  private final KubeBinaries binaries;
  private final Path work;
  private final Deque<ComponentProcess> processes = new ArrayDeque<>();

  private Node(ControlPlane controlPlane, KubeBinaries binaries, Path work) {
    this.controlPlane = controlPlane;
    this.binaries = binaries;
    this.work = work;
  }

  /**
   * Starts the node's components with their configuration in {@code workDirectory} and waits until
   * the Node is Ready. The control plane must know {@link User#node} of {@link #NAME} and {@link
   * User#KUBE_PROXY}.
   *
   * @param sandboxImage the pause image, in a registry this machine can pull from
   */
  public static Node start(
      ControlPlane controlPlane, KubeBinaries binaries, Path workDirectory, String sandboxImage) {
    Node node = new Node(controlPlane, binaries, workDirectory.toAbsolutePath());
    try {
      return node.startComponents(sandboxImage);
    } catch (RuntimeException e) {
      node.close();
      throw e;
    }
  }

  private Node startComponents(String sandboxImage) {
    requireHost();
    NodeCleanup.stopLeftovers(work, RUN_DIRECTORY);
    enableForwarding();
    NodeFirewall.apply(URI.create(controlPlane.url()).getPort());
    Path logs = work.resolve("logs");
    NodeConfiguration config = new NodeConfiguration(work, RUN_DIRECTORY);
    config.writeContainerd(sandboxImage, POD_SUBNET);
    launch(
        Path.of(which("containerd")),
        List.of("--config", config.containerdConfig().toString()),
        logs);
    awaitFile(CONTAINERD_SOCKET, processes.peek());
    awaitCriReady(processes.peek());

    Path kubeletKubeconfig =
        controlPlane.writeKubeconfig(
            work.resolve("kubelet.kubeconfig"), controlPlane.tokenOf(User.node(NAME)), "default");
    config.writeKubelet("unix://" + CONTAINERD_SOCKET, controlPlane.caCertificate(), CLUSTER_DNS);
    launch(
        binaries.path("kubelet"),
        List.of(
            "--config=" + config.kubeletConfig(),
            "--kubeconfig=" + kubeletKubeconfig,
            "--root-dir=" + config.kubeletRoot(),
            "--cert-dir=" + work.resolve("kubelet-pki"),
            "--hostname-override=" + NAME,
            "--v=1"),
        logs);

    Path proxyKubeconfig =
        controlPlane.writeKubeconfig(
            work.resolve("kube-proxy.kubeconfig"),
            controlPlane.tokenOf(User.KUBE_PROXY),
            "default");
    config.writeKubeProxy(proxyKubeconfig, NAME);
    launch(binaries.path("kube-proxy"), List.of("--config=" + config.kubeProxyConfig()), logs);

    awaitReady();
    awaitKubeProxy();
    return this;
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      processes.forEach(ComponentProcess::checkAlive);
      io.fabric8.kubernetes.api.model.Node node =
          controlPlane.adminClient().nodes().withName(NAME).get();
      if (node != null && node.getStatus().getConditions().stream().anyMatch(this::isReady)) {
        LOG.info("Node {} is Ready (logs in {})", NAME, work.resolve("logs"));
        return;
      }
      Pause.millis(250);
    }
    throw new IllegalStateException(
        "node "
            + NAME
            + " not Ready within "
            + READY_TIMEOUT.toSeconds()
            + " s; the end of the kubelet's log:\n"
            + processes.stream()
                .filter(p -> p.name().equals("kubelet"))
                .findFirst()
                .orElseThrow()
                .tail());
  }

  /** kube-proxy's healthz answers 200 once it has written the Services' rules the first time. */
  private void awaitKubeProxy() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest healthz =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:10256/healthz")).build();
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      processes.forEach(ComponentProcess::checkAlive);
      try {
        if (http.send(healthz, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
      Pause.millis(200);
    }
    throw new IllegalStateException("kube-proxy did not become healthy");
  }

  private boolean isReady(NodeCondition condition) {
    return "Ready".equals(condition.getType()) && "True".equals(condition.getStatus());
  }

  /**
   * Stops what a node that was killed left in {@code workDirectory} (containerd, shims, pods) and
   * unmounts what it mounted there, so that the directory can be reused or deleted.
   */
  public static void cleanUp(Path workDirectory) {
    NodeCleanup.stopLeftovers(workDirectory.toAbsolutePath(), RUN_DIRECTORY);
  }

  /** Process ids of the node's components, for callers that record them. */
  public List<Long> pids() {
    return processes.stream().map(ComponentProcess::pid).toList();
  }

  /** Stops kube-proxy and the kubelet, then every pod's processes, then containerd. */
  @Override
  public void close() {
    while (processes.size() > 1) {
      processes.pop().close();
    }
    NodeCleanup.stopPods(RUN_DIRECTORY);
    while (!processes.isEmpty()) {
      processes.pop().close();
    }
    NodeCleanup.unmountBelow(work, RUN_DIRECTORY);
  }

  private void launch(Path binary, List<String> flags, Path logs) {
    processes.push(ComponentProcess.start(binary, flags, logs));
  }

  private static void requireHost() {
    if (!"root".equals(System.getProperty("user.name"))) {
      throw new IllegalStateException("a real node needs root (containerd, runc, iptables)");
    }
    List<String> missing = new ArrayList<>();
    for (String command : HOST_COMMANDS) {
      if (which(command) == null) {
        missing.add(command);
      }
    }
    if (!Files.isExecutable(Path.of("/usr/lib/cni/bridge"))) {
      missing.add("/usr/lib/cni/bridge");
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "missing "
              + String.join(", ", missing)
              + ": apt-get install containerd runc containernetworking-plugins iptables openssl");
    }
  }

  private static void enableForwarding() {
    write(Path.of("/proc/sys/net/ipv4/ip_forward"), "1");
    // Pods reach the API server on 127.0.0.1 through a DNAT (NodeFirewall).
    write(Path.of("/proc/sys/net/ipv4/conf/all/route_localnet"), "1");
    Path bridgeFilter = Path.of("/proc/sys/net/bridge/bridge-nf-call-iptables");
    if (Files.exists(bridgeFilter)) {
      write(bridgeFilter, "1");
    }
  }

  /**
   * containerd serves its socket before its CRI plugin has recovered the node's pods (most of a
   * second with a few hundred finished ones); a kubelet started meanwhile exits with "server is not
   * initialized yet". The plugin logs this line as it becomes ready. Should a containerd not log
   * it, the kubelet starts anyway after a while, and supervision starts it again if it exits.
   */
  private static void awaitCriReady(ComponentProcess containerd) {
    for (int i = 0; i < 400; i++) {
      if (containerd.loggedSinceStart().contains("Start streaming server")) {
        return;
      }
      containerd.checkAlive();
      Pause.millis(50);
    }
    LOG.warn(
        "containerd did not log that its CRI plugin is ready within 20 s; starting the kubelet");
  }

  private static void awaitFile(Path file, ComponentProcess owner) {
    for (int i = 0; i < 400 && !Files.exists(file); i++) {
      owner.checkAlive();
      Pause.millis(50);
    }
    if (!Files.exists(file)) {
      throw new IllegalStateException(
          owner.name() + " made no " + file + " within 20 s; the end of its log:\n" + owner.tail());
    }
  }

  static String which(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      Path candidate = Path.of(dir, command);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin")) {
      Path candidate = Path.of(dir, command);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return null;
  }

  private static void write(Path file, String value) {
    try {
      Files.writeString(file, value, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("could not set " + file, e);
    }
  }
}

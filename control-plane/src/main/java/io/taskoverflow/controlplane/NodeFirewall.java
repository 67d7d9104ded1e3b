package io.taskoverflow.controlplane;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The node's own iptables rules, in chains of their own next to kube-proxy's. Pods reach the
 * loopback API server through the {@code kubernetes} Service's cluster IP, which kube-proxy cannot
 * do (a Service endpoint may not be a loopback address); and nothing sent to a cluster IP that has
 * no rule yet may leave the machine by its default route.
 */
final class NodeFirewall {

  private static final String CHAIN = "TASKOVERFLOW-SANDBOX";
  private static final String SERVICE_RANGE = "10.96.0.0/16";

  private NodeFirewall() {}

  static void apply(int apiServerPort) {
    chain("nat", "PREROUTING");
    iptables(
        "-t",
        "nat",
        "-A",
        CHAIN,
        "-s",
        Node.POD_SUBNET,
        "-d",
        ClusterCertificates.KUBERNETES_SERVICE_IP + "/32",
        "-p",
        "tcp",
        "--dport",
        "443",
        "-j",
        "DNAT",
        "--to-destination",
        "127.0.0.1:" + apiServerPort);
    for (String hook : List.of("OUTPUT", "FORWARD")) {
      chain("filter", hook);
    }
    // Reached only by packets kube-proxy has not translated: a Service without rules (yet).
    iptables(
        "-t",
        "filter",
        "-A",
        CHAIN,
        "-d",
        SERVICE_RANGE,
        "-m",
        "conntrack",
        "!",
        "--ctstate",
        "DNAT",
        "-j",
        "REJECT");
  }

  /** The chain, emptied, and jumped to first from the hook. */
  private static void chain(String table, String hook) {
    if (!run(List.of("-t", table, "-N", CHAIN))) {
      iptables("-t", table, "-F", CHAIN);
    }
    if (!run(List.of("-t", table, "-C", hook, "-j", CHAIN))) {
      iptables("-t", table, "-I", hook, "1", "-j", CHAIN);
    }
  }

  private static void iptables(String... arguments) {
    if (!run(List.of(arguments))) {
      throw new IllegalStateException("iptables " + String.join(" ", arguments) + " failed");
    }
  }

  private static boolean run(List<String> arguments) {
    List<String> command = new ArrayList<>(List.of("iptables", "-w"));
    command.addAll(arguments);
    return Command.run(command, Duration.ofMinutes(1)).succeeded();
  }
}

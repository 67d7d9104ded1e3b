package io.taskoverflow.sandbox.node;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The node's side of being a Node: registering it with its capacity, addresses and the port of its
 * log server, and the heartbeats (Lease renewals and Ready conditions) that keep the node lifecycle
 * controller from declaring it lost.
 */
final class NodeRegistration {

  static final String LEASE_NAMESPACE = "kube-node-lease";
  static final int LEASE_DURATION_SECONDS = 40;

  private final KubernetesClient client;
  private final String nodeName;
  private final int maxPods;
  private final int logPort;
  private final String kubeletVersion;
  private final String registeredAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();

  NodeRegistration(
      KubernetesClient client, String nodeName, int maxPods, int logPort, String kubeletVersion) {
    this.client = client;
    this.nodeName = nodeName;
    this.maxPods = maxPods;
    this.logPort = logPort;
    this.kubeletVersion = kubeletVersion;
  }

  /** Creates the Node, or takes over one left by an earlier run of the same node. */
  Node register() {
    Node desired = desired();
    Node existing = client.nodes().withName(nodeName).get();
    Node node =
        existing == null
            ? client.nodes().resource(desired).create()
            : client.nodes().withName(nodeName).edit(current -> adopt(current, desired));
    heartbeat();
    return node;
  }

  /** Renews the Lease and re-posts the Ready condition. */
  void heartbeat() {
    renewLease();
    // A patch without resourceVersion: the node lifecycle controller writes this status too.
    client
        .nodes()
        .withName(nodeName)
        .subresource("status")
        .patch(
            PatchContext.of(PatchType.STRATEGIC_MERGE),
            Serialization.asJson(Map.of("status", Map.of("conditions", conditions()))));
  }

  private void renewLease() {
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    try {
      client
          .leases()
          .inNamespace(LEASE_NAMESPACE)
          .withName(nodeName)
          .edit(
              lease -> {
                lease.getSpec().setRenewTime(now);
                return lease;
              });
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
      Lease lease =
          new LeaseBuilder()
              .withNewMetadata()
              .withName(nodeName)
              .withNamespace(LEASE_NAMESPACE)
              .endMetadata()
              .withNewSpec()
              .withHolderIdentity(nodeName)
              .withLeaseDurationSeconds(LEASE_DURATION_SECONDS)
              .withRenewTime(now)
              .endSpec()
              .build();
      client.leases().inNamespace(LEASE_NAMESPACE).resource(lease).create();
    }
  }

  private static Node adopt(Node current, Node desired) {
    current.getMetadata().setLabels(desired.getMetadata().getLabels());
    current.setStatus(desired.getStatus());
    return current;
  }

  private Node desired() {
    Map<String, Quantity> capacity =
        Map.of(
            "cpu", new Quantity(String.valueOf(Runtime.getRuntime().availableProcessors())),
            "memory", new Quantity(physicalMemoryKibibytes() + "Ki"),
            "pods", new Quantity(String.valueOf(maxPods)));
    return new NodeBuilder()
        .withNewMetadata()
        .withName(nodeName)
        .withLabels(
            Map.of(
                "kubernetes.io/hostname",
                nodeName,
                "kubernetes.io/os",
                "linux",
                "kubernetes.io/arch",
                architecture()))
        .endMetadata()
        .withNewSpec()
        .endSpec()
        .withNewStatus()
        .withCapacity(capacity)
        .withAllocatable(capacity)
        .withConditions(conditions())
        .addNewAddress()
        .withType("InternalIP")
        .withAddress(PodStatuses.HOST_IP)
        .endAddress()
        .addNewAddress()
        .withType("Hostname")
        .withAddress(nodeName)
        .endAddress()
        .withNewDaemonEndpoints()
        .withNewKubeletEndpoint()
        .withPort(logPort)
        .endKubeletEndpoint()
        .endDaemonEndpoints()
        .withNewNodeInfo()
        .withArchitecture(architecture())
        .withOperatingSystem("linux")
        .withOsImage(osImage())
        .withKernelVersion(System.getProperty("os.version"))
        .withKubeletVersion(kubeletVersion)
        .withKubeProxyVersion("")
        .withContainerRuntimeVersion("taskoverflow-sandbox://local-processes")
        .withMachineID(nodeName)
        .withSystemUUID(nodeName)
        .withBootID(String.valueOf(ProcessHandle.current().pid()))
        .endNodeInfo()
        .endStatus()
        .build();
  }

  private List<NodeCondition> conditions() {
    return List.of(
        condition("MemoryPressure", "False", "KubeletHasSufficientMemory"),
        condition("DiskPressure", "False", "KubeletHasNoDiskPressure"),
        condition("PIDPressure", "False", "KubeletHasSufficientPID"),
        condition("Ready", "True", "KubeletReady"));
  }

  private NodeCondition condition(String type, String status, String reason) {
    return new NodeConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withMessage("the sandbox node agent is posting status")
        .withLastHeartbeatTime(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
        .withLastTransitionTime(registeredAt)
        .build();
  }

  private static String architecture() {
    String arch = System.getProperty("os.arch");
    return switch (arch) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64" -> "arm64";
      default -> arch;
    };
  }

  private static String osImage() {
    try {
      return Files.readAllLines(Path.of("/etc/os-release")).stream()
          .filter(line -> line.startsWith("PRETTY_NAME="))
          .map(line -> line.substring("PRETTY_NAME=".length()).replace("\"", ""))
          .findFirst()
          .orElse("Linux");
    } catch (IOException e) {
      return "Linux";
    }
  }

  private static long physicalMemoryKibibytes() {
    try {
      return Files.readAllLines(Path.of("/proc/meminfo")).stream()
          .filter(line -> line.startsWith("MemTotal:"))
          .map(line -> Long.parseLong(line.replaceAll("\\D", "")))
          .findFirst()
          .orElse(8L * 1024 * 1024);
    } catch (IOException e) {
      return 8L * 1024 * 1024;
    }
  }
}

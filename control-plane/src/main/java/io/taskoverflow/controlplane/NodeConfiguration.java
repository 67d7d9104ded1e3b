package io.taskoverflow.controlplane;

import java.nio.file.Path;

/**
 * The configuration files of a {@link Node}'s containerd, CNI, kubelet and kube-proxy, written into
 * its work directory. The settings are the ones these machines need (no CAP_SYS_RESOURCE, cgroup v1
 * without systemd, a plain-HTTP registry on 127.0.0.1) and otherwise Kubernetes' defaults.
 */
final class NodeConfiguration {

  /** The registry the sandbox's images come from, spoken to over plain HTTP. */
  static final String LOCAL_REGISTRY = "127.0.0.1:5000";

  private final Path work;
  private final Path run;

  NodeConfiguration(Path work, Path run) {
    this.work = work;
    this.run = run;
  }

  Path containerdConfig() {
    return work.resolve("containerd/config.toml");
  }

  Path kubeletConfig() {
    return work.resolve("kubelet/config.yaml");
  }

  Path kubeletRoot() {
    return work.resolve("kubelet/root");
  }

  Path kubeProxyConfig() {
    return work.resolve("kube-proxy/config.yaml");
  }

  void writeContainerd(String sandboxImage, String podSubnet) {
    Path certs = work.resolve("containerd/certs.d");
    TextFiles.write(
        certs.resolve(LOCAL_REGISTRY + "/hosts.toml"),
        """
        server = "http://%1$s"

        [host."http://%1$s"]
          capabilities = ["pull", "resolve"]
        """
            .formatted(LOCAL_REGISTRY));
    // The bridge, then host ports, then the firewall plugin, which opens FORWARD for pod traffic
    // where something (dockerd) set its policy to DROP.
    TextFiles.write(
        work.resolve("cni/net.d/10-sandbox.conflist"),
        """
        {
          "cniVersion": "1.0.0",
          "name": "sandbox",
          "plugins": [
            {
              "type": "bridge",
              "bridge": "cni-sandbox0",
              "isGateway": true,
              "ipMasq": true,
              "hairpinMode": true,
              "ipam": {
                "type": "host-local",
                "ranges": [[{"subnet": "%s"}]],
                "routes": [{"dst": "0.0.0.0/0"}],
                "dataDir": "%s"
              }
            },
            {"type": "portmap", "capabilities": {"portMappings": true}},
            {"type": "firewall"}
          ]
        }
        """
            .formatted(podSubnet, run.resolve("cni-ipam")));
    TextFiles.write(
        containerdConfig(),
        """
        version = 2
        root = "%1$s/containerd/root"
        state = "%2$s/containerd"
        disabled_plugins = ["io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs",
          "io.containerd.snapshotter.v1.devmapper", "io.containerd.snapshotter.v1.zfs",
          "io.containerd.tracing.processor.v1.otlp", "io.containerd.internal.v1.tracing"]

        [grpc]
          address = "%2$s/containerd.sock"

        [ttrpc]
          address = "%2$s/containerd.sock.ttrpc"

        [plugins."io.containerd.grpc.v1.cri"]
          sandbox_image = "%3$s"
          # runc cannot lower oom_score_adj without CAP_SYS_RESOURCE, which these machines lack.
          restrict_oom_score_adj = true
          tolerate_missing_hugetlb_controller = true
          enable_selinux = false
          [plugins."io.containerd.grpc.v1.cri".containerd]
            snapshotter = "overlayfs"
            default_runtime_name = "runc"
            [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
              runtime_type = "io.containerd.runc.v2"
              [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
                SystemdCgroup = false
          [plugins."io.containerd.grpc.v1.cri".cni]
            bin_dir = "/usr/lib/cni"
            conf_dir = "%1$s/cni/net.d"
          [plugins."io.containerd.grpc.v1.cri".registry]
            config_path = "%1$s/containerd/certs.d"
        """
            .formatted(work, run, sandboxImage));
  }

  void writeKubelet(String runtimeEndpoint, Path clientCaCertificate, String clusterDns) {
    // Pods resolve through CoreDNS. This file is what CoreDNS itself (dnsPolicy Default) gets: no
    // upstream, since the sandbox resolves cluster names only and has no outside network.
    Path resolvConf = work.resolve("kubelet/resolv.conf");
    TextFiles.write(resolvConf, "options ndots:1\n");
    TextFiles.write(
        kubeletConfig(),
        """
        apiVersion: kubelet.config.k8s.io/v1beta1
        kind: KubeletConfiguration
        address: 127.0.0.1
        healthzBindAddress: 127.0.0.1
        readOnlyPort: 0
        containerRuntimeEndpoint: %s
        cgroupDriver: cgroupfs
        # These machines have cgroup v1, which Kubernetes supports up to 1.34.
        failCgroupV1: false
        failSwapOn: false
        resolvConf: %s
        clusterDNS: [%s]
        clusterDomain: cluster.local
        podLogsDir: %s
        authentication:
          anonymous:
            enabled: false
          webhook:
            enabled: true
          x509:
            clientCAFile: %s
        authorization:
          mode: Webhook
        serializeImagePulls: false
        # A developer's disk is rarely empty: evict only when it really runs out.
        evictionHard:
          memory.available: 100Mi
          nodefs.available: 1%%
          imagefs.available: 1%%
          nodefs.inodesFree: 1%%
        imageGCHighThresholdPercent: 100
        imageGCLowThresholdPercent: 99
        """
            .formatted(
                runtimeEndpoint,
                resolvConf,
                clusterDns,
                work.resolve("pod-logs"),
                clientCaCertificate));
  }

  void writeKubeProxy(Path kubeconfig, String nodeName) {
    TextFiles.write(
        kubeProxyConfig(),
        """
        apiVersion: kubeproxy.config.k8s.io/v1alpha1
        kind: KubeProxyConfiguration
        clientConnection:
          kubeconfig: %s
        hostnameOverride: %s
        mode: iptables
        bindAddress: 127.0.0.1
        healthzBindAddress: 127.0.0.1:10256
        metricsBindAddress: 127.0.0.1:10249
        # Node ports answer on loopback only, as kind's port mappings to 127.0.0.1 do.
        nodePortAddresses: ["127.0.0.0/8"]
        clusterCIDR: %s
        conntrack:
          # Leave the machine's conntrack table size alone.
          maxPerCore: 0
        """
            .formatted(kubeconfig, nodeName, Node.POD_SUBNET));
  }
}

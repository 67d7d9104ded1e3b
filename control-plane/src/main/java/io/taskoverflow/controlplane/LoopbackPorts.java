package io.taskoverflow.controlplane;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free ports on 127.0.0.1 for the components to listen on, taken below the kernel's ephemeral
 * range: a port from that range that was free a moment ago may meanwhile have become the local end
 * of any outgoing connection (kube-apiserver's to etcd, a test's HTTP client), and the component
 * then fails with "address already in use". Below 30000, so no default NodePort collides either.
 */
final class LoopbackPorts {

  private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
  private static final int LOWEST = 20000;
  private static final int ABOVE_HIGHEST = 30000;
  private static final int ATTEMPTS = 200;

  private LoopbackPorts() {}

  static int free() {
    int above = Math.min(ABOVE_HIGHEST, ephemeralStart());
    if (above <= LOWEST) {
      throw new IllegalStateException(
          "the ephemeral port range starts at " + above + "; the sandbox needs 20000-29999 free");
    }
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(LOWEST, above);
      try (ServerSocket probe = new ServerSocket()) {
        probe.bind(new InetSocketAddress("127.0.0.1", port), 1);
        return port;
      } catch (IOException taken) {
        // Another one.
      }
    }
    throw new IllegalStateException(
        "no free port on 127.0.0.1 between " + LOWEST + " and " + above);
  }

  private static int ephemeralStart() {
    try {
      return Integer.parseInt(Files.readAllLines(EPHEMERAL_RANGE).get(0).strip().split("\\s+")[0]);
    } catch (IOException | RuntimeException unreadable) {
      return 32768; // Linux's default
    }
  }
}

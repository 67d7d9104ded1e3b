package io.taskoverflow.controlplane;

import java.util.List;

/** An identity the API server knows from its static token file: a user name and its groups. */
public record User(String name, List<String> groups) {

  /** Everything allowed, as kubeadm's admin.conf: for kubectl and for tests setting things up. */
  public static final User ADMIN = new User("sandbox-admin", List.of("system:masters"));

  /** The names the bootstrap RBAC policy grants the two controllers' permissions to. */
  public static final User CONTROLLER_MANAGER =
      new User("system:kube-controller-manager", List.of());

  public static final User SCHEDULER = new User("system:kube-scheduler", List.of());

  /** Bound to {@code system:node-proxier} by the bootstrap RBAC policy. */
  public static final User KUBE_PROXY = new User("system:kube-proxy", List.of());

  public User {
    groups = List.copyOf(groups);
  }

  /** A kubelet's identity, which the Node authorizer and NodeRestriction confine to its node. */
  public static User node(String nodeName) {
    return new User("system:node:" + nodeName, List.of("system:nodes"));
  }
}

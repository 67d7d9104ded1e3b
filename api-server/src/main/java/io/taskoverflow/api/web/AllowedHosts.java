package io.taskoverflow.api.web;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The host names the api-server answers to ({@code ALLOWED_HOSTS}), compared without the port and
 * without case; {@code *} allows any.
 */
public final class AllowedHosts {

  /** Loopback only; the chart adds its Service names and the Ingress hosts. */
  public static final AllowedHosts DEFAULT = parse("localhost,127.0.0.1,[::1]");

  private final Set<String> names;

  private AllowedHosts(Set<String> names) {
    this.names = names;
  }

  /** Names separated by commas or white space; throws naming what is wrong. */
  public static AllowedHosts parse(String list) {
    Set<String> names = new LinkedHashSet<>();
    for (String entry : list.split("[,\\s]+")) {
      if (entry.isEmpty()) {
        continue;
      }
      String name = entry.equals("*") ? entry : normalise(entry);
      if (!name.equals("*") && (!BaseUrl.isHost(name) || !name.equals(withoutPort(name)))) {
        throw new IllegalArgumentException(
            "holds '" + entry + "', which is not a host name without a port");
      }
      names.add(name);
    }
    if (names.isEmpty()) {
      throw new IllegalArgumentException("holds no host name");
    }
    return new AllowedHosts(Set.copyOf(names));
  }

  /** Whether a request addressed to this Host header value (with or without port) is served. */
  public boolean allows(String hostHeader) {
    return names.contains("*") || names.contains(normalise(withoutPort(hostHeader.strip())));
  }

  private static String normalise(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }

  private static String withoutPort(String host) {
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      return end < 0 ? host : host.substring(0, end + 1);
    }
    int colon = host.indexOf(':');
    return colon < 0 ? host : host.substring(0, colon);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AllowedHosts hosts && hosts.names.equals(names);
  }

  @Override
  public int hashCode() {
    return names.hashCode();
  }

  @Override
  public String toString() {
    return String.join(",", names.stream().sorted().toList());
  }
}

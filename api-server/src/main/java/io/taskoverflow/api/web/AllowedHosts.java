package io.taskoverflow.api.web;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The host names the api-server answers to ({@code ALLOWED_HOSTS}), compared without the port and
 * without case (a trailing dot is ignored, IPv6 literals are compared as addresses, so {@code
 * [::1]} and {@code [0:0::1]} are the same). An entry {@code *.example.com} allows every name below
 * example.com (not example.com itself); {@code *} alone allows any.
 */
public final class AllowedHosts {

  private static final Pattern IPV6_LITERAL = Pattern.compile("\\[[0-9a-f.]*:[0-9a-f:.]*\\]");
  private static final String ANY_BELOW = "*.";

  /** Loopback only; the chart adds its Service names and the Ingress host. */
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
      boolean below = entry.startsWith(ANY_BELOW);
      String host = below ? entry.substring(ANY_BELOW.length()) : entry;
      if (!entry.equals("*")
          && (!BaseUrl.isHost(host)
              || !host.equals(withoutPort(host))
              || (below && host.startsWith("[")))) {
        throw new IllegalArgumentException(
            "holds '" + entry + "', which is not a host name without a port (nor *.<domain> or *)");
      }
      names.add(entry.equals("*") ? entry : (below ? ANY_BELOW : "") + normalise(host));
    }
    if (names.isEmpty()) {
      throw new IllegalArgumentException("holds no host name");
    }
    return new AllowedHosts(Set.copyOf(names));
  }

  /** Whether a request addressed to this Host header value (with or without port) is served. */
  public boolean allows(String hostHeader) {
    if (names.contains("*")) {
      return true;
    }
    String host = normalise(withoutPort(hostHeader.strip()));
    if (names.contains(host)) {
      return true;
    }
    if (!BaseUrl.isHost(hostHeader)) {
      return false;
    }
    // *.example.com: any name that ends in .example.com, checked label by label.
    for (int dot = host.indexOf('.'); dot > 0; dot = host.indexOf('.', dot + 1)) {
      if (names.contains(ANY_BELOW + host.substring(dot + 1))) {
        return true;
      }
    }
    return false;
  }

  private static String normalise(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (IPV6_LITERAL.matcher(lower).matches()) {
      return canonicalIpv6(lower);
    }
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }

  /** One spelling per address; the text is a literal, so nothing is looked up. */
  private static String canonicalIpv6(String bracketed) {
    String literal = bracketed.substring(1, bracketed.length() - 1);
    try {
      InetAddress address = InetAddress.getByName(literal);
      return address instanceof Inet6Address
          ? "[" + address.getHostAddress() + "]"
          : "[::ffff:" + address.getHostAddress() + "]"; // Java reads a v4-mapped one as IPv4
    } catch (UnknownHostException | IllegalArgumentException e) {
      return bracketed; // not an address: matches only itself
    }
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

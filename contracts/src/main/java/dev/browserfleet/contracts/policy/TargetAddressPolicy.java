package dev.browserfleet.contracts.policy;

import dev.browserfleet.contracts.FieldError;
import dev.browserfleet.contracts.action.Action;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which URLs a job may browse, by scheme and by address. Only {@code http} and {@code https} are
 * accepted. Link-local and cloud metadata addresses are always denied, checked after DNS
 * resolution so that a name pointing at them is denied too. Loopback, private and other
 * non-public ranges are denied unless {@code allowPrivate}. A host that does not resolve is not a
 * violation (there is no address to deny). The URL-pattern policies of {@code
 * url_policies} are a separate check on top of this one.
 */
public final class TargetAddressPolicy {

  /** Resolves a host name to its addresses; {@link InetAddress#getAllByName} in production. */
  @FunctionalInterface
  public interface Resolver {
    List<InetAddress> resolve(String host) throws UnknownHostException;
  }

  public static final Resolver SYSTEM_DNS = host -> List.of(InetAddress.getAllByName(host));

  // Names of metadata services that must never be browsed, whatever they resolve to.
  private static final Set<String> METADATA_HOSTS =
      Set.of("metadata.google.internal", "metadata.goog", "metadata", "instance-data", "instance-data.ec2.internal");

  private final boolean allowPrivate;
  private final Resolver resolver;

  public TargetAddressPolicy(boolean allowPrivate, Resolver resolver) {
    this.allowPrivate = allowPrivate;
    this.resolver = resolver;
  }

  public boolean allowsPrivate() {
    return allowPrivate;
  }

  /**
   * Every address a job will open that may not be browsed: its target URL and the URL of each
   * navigate action, named by field path ({@code targetUrl}, {@code actions[2].url}). Empty when
   * all may be. The one list of a job's URLs, for every place that admits jobs.
   */
  public List<FieldError> violations(String targetUrl, List<Action> actions) {
    return JobUrls.violations(targetUrl, actions, this::violation);
  }

  /** Why {@code url} may not be browsed, or empty when it may. */
  public Optional<String> violation(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return Optional.of("is not a valid URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return Optional.of("must be an http or https URL, not '" + (scheme.isEmpty() ? url : scheme + ":") + "'");
    }
    String host = uri.getHost();
    if (host == null || host.isBlank()) {
      return Optional.of("has no host");
    }
    host = stripBrackets(host.toLowerCase(Locale.ROOT));
    if (METADATA_HOSTS.contains(host)) {
      return Optional.of("targets the cloud metadata service '" + host + "', which is never browsed");
    }
    List<InetAddress> addresses;
    try {
      addresses = resolver.resolve(host);
    } catch (UnknownHostException e) {
      // Nothing to deny: a name that does not resolve cannot be browsed, and the navigation fails
      // with its own (retryable) error. DNS can also change; the worker checks again right before
      // every navigation.
      return Optional.empty();
    }
    for (InetAddress address : addresses) {
      Optional<String> denied = violation(host, address);
      if (denied.isPresent()) {
        return denied;
      }
    }
    return Optional.empty();
  }

  /**
   * Why {@code host}, at the {@code address} it resolved to, may not be connected to: the check of
   * {@link #violation(String)} for one resolved address, for a caller that then connects to that
   * address and no other (so that a second resolution cannot answer differently).
   */
  public Optional<String> violation(String host, InetAddress address) {
    if (METADATA_HOSTS.contains(stripBrackets(host.toLowerCase(Locale.ROOT)))) {
      return Optional.of("targets the cloud metadata service '" + host + "', which is never browsed");
    }
    String shown = host.equals(address.getHostAddress()) ? host : host + " (" + address.getHostAddress() + ")";
    if (isLinkLocalOrMetadata(address)) {
      return Optional.of("resolves to a link-local or metadata address, which is never browsed: " + shown);
    }
    if (!allowPrivate && isNonPublic(address)) {
      return Optional.of(
          "resolves to a private or loopback address, denied unless BF_ALLOW_PRIVATE_TARGETS is set: " + shown);
    }
    return Optional.empty();
  }

  static boolean isLinkLocalOrMetadata(InetAddress address) {
    if (address.isLinkLocalAddress()) {
      return true; // 169.254.0.0/16 (AWS, GCP, Azure metadata live here) and fe80::/10
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      // Alibaba Cloud's metadata service.
      return (b[0] & 0xff) == 100 && (b[1] & 0xff) == 100 && (b[2] & 0xff) == 100 && (b[3] & 0xff) == 200;
    }
    if (address instanceof Inet6Address) {
      // AWS's IPv6 metadata endpoint fd00:ec2::254, and IPv4-mapped link-local ::ffff:169.254.x.x.
      boolean awsV6 = (b[0] & 0xff) == 0xfd && b[1] == 0 && (b[2] & 0xff) == 0x0e && (b[3] & 0xff) == 0xc2;
      boolean mappedLinkLocal = isV4Mapped(b) && (b[12] & 0xff) == 169 && (b[13] & 0xff) == 254;
      return awsV6 || mappedLinkLocal;
    }
    return false;
  }

  static boolean isNonPublic(InetAddress address) {
    if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isSiteLocalAddress()
        || address.isMulticastAddress()) {
      return true;
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      return first == 0 // "this network"
          || (first == 100 && second >= 64 && second <= 127) // carrier-grade NAT
          || (first == 198 && (second == 18 || second == 19)) // benchmarking
          || first >= 240; // reserved and broadcast
    }
    if (isV4Mapped(b)) {
      try {
        byte[] v4 = {b[12], b[13], b[14], b[15]};
        return isNonPublic(InetAddress.getByAddress(v4));
      } catch (UnknownHostException e) {
        return true;
      }
    }
    return (b[0] & 0xfe) == 0xfc; // unique local fc00::/7
  }

  private static boolean isV4Mapped(byte[] b) {
    if (b.length != 16) {
      return false;
    }
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
  }

  private static String stripBrackets(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }
}

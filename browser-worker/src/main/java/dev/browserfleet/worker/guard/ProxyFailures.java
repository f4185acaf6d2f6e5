package dev.browserfleet.worker.guard;

import dev.browserfleet.worker.guard.GuardProxy.Failure;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the guard proxy could not reach since it was last told to forget, for the session to fail
 * a navigation that landed on it: documents by URL (without fragment), tunnels by host and port.
 * Bounded: a page that asks for thousands of unreachable documents cannot grow it without end.
 */
final class ProxyFailures {

  private static final int MAX = 256;

  private final Map<String, Failure> byKey = new ConcurrentHashMap<>();

  void rememberDocument(String url, Failure why) {
    remember(withoutFragment(url), why);
  }

  void rememberTunnel(Authority tunnel, Failure why) {
    remember(tunnel.toString(), why);
  }

  boolean any() {
    return !byKey.isEmpty();
  }

  void forget() {
    byKey.clear();
  }

  Optional<Failure> ofDocument(String url) {
    return Optional.ofNullable(byKey.get(withoutFragment(url)));
  }

  /** Why a tunnel to the host and port of {@code url} was not opened, if one was not. */
  Optional<Failure> ofTunnel(String url) {
    try {
      Authority tunnel = Authority.of(new URI(url));
      return tunnel == null ? Optional.empty() : Optional.ofNullable(byKey.get(tunnel.toString()));
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  private void remember(String key, Failure why) {
    if (byKey.size() >= MAX) {
      byKey.clear();
    }
    byKey.put(key, why);
  }

  private static String withoutFragment(String url) {
    int fragment = url.indexOf('#');
    return fragment < 0 ? url : url.substring(0, fragment);
  }
}

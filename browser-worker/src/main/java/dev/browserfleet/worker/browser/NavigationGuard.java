package dev.browserfleet.worker.browser;

import java.util.Optional;

/** Decides whether the browser may load a document from a URL: every navigation, redirect hop and frame. */
@FunctionalInterface
public interface NavigationGuard {

  NavigationGuard ALLOW_ALL = url -> Optional.empty();

  /** Why {@code url} may not be loaded, or empty when it may. */
  Optional<String> denial(String url);

  /**
   * Why the browser may not open an https tunnel to {@code host:port} at all, or empty when it may.
   * The requests inside a tunnel cannot be seen, so only the rules that depend on the host alone
   * can deny it; the rest are applied to the URLs the browser reports afterwards.
   */
  default Optional<String> tunnelDenial(String host, int port) {
    return Optional.empty();
  }
}

package dev.browserfleet.worker.guard;

import java.net.InetAddress;
import java.util.Optional;

/** Decides whether the browser may load a document from a URL: every navigation, redirect hop and frame. */
@FunctionalInterface
public interface NavigationGuard {

  NavigationGuard ALLOW_ALL = url -> Optional.empty();

  /** Why {@code url} may not be loaded, or empty when it may. */
  Optional<String> denial(String url);

  /**
   * Why the browser may not connect to {@code host} at {@code address}, for any request (a
   * document, an image, a script's fetch), or empty when it may. Asked by a proxy that connects to
   * that address only, so that a name that resolves elsewhere the second time (DNS rebinding)
   * cannot take a request there. By default every address may be connected to.
   */
  default Optional<String> connectionDenial(String host, InetAddress address) {
    return Optional.empty();
  }
}

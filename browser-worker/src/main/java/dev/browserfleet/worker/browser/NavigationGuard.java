package dev.browserfleet.worker.browser;

import java.util.Optional;

/** Decides whether the browser may load a document from a URL: every navigation, redirect hop and frame. */
@FunctionalInterface
public interface NavigationGuard {

  NavigationGuard ALLOW_ALL = url -> Optional.empty();

  /** Why {@code url} may not be loaded, or empty when it may. */
  Optional<String> denial(String url);
}

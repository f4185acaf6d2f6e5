package dev.browserfleet.worker.browser;

import dev.browserfleet.contracts.Engine;
import java.util.Optional;

/** Opens browser sessions of one engine, locally or on a remote Selenium endpoint. */
public interface DriverFactory {

  Engine engine();

  /** Why this factory cannot open sessions here, or empty when it can. */
  Optional<String> unavailableReason();

  /** Where its sessions run, for logs: the driver path or the remote URL. */
  String description();

  /**
   * Starts a new, warm session.
   *
   * @throws SessionStartException when the browser or its driver does not start
   */
  BrowserSession open();
}

package dev.browserfleet.worker.browser;

import dev.browserfleet.contracts.Engine;
import dev.browserfleet.worker.engine.BrowserSession;
import dev.browserfleet.worker.engine.SessionStartException;
import java.util.Optional;

/** Opens browser sessions of one engine, locally or on a remote Selenium endpoint. */
public interface DriverFactory {

  Engine engine();

  /** Why this factory cannot open sessions here, or empty when it can. */
  Optional<String> unavailableReason();

  /** Where its sessions run, for logs: the driver path or the remote URL. */
  String description();

  /**
   * Starts a new, warm session, as the execution layer drives it.
   *
   * @throws SessionStartException when the browser or its driver does not start
   */
  default BrowserSession open() {
    return new WebDriverPage(start());
  }

  /**
   * Starts a new, warm browser and its driver.
   *
   * @throws SessionStartException when the browser or its driver does not start
   */
  DriverSession start();
}

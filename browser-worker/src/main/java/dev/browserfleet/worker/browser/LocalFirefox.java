package dev.browserfleet.worker.browser;

import dev.browserfleet.worker.guard.FirefoxGuard;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.WebDriverException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Firefox this worker started ({@link FirefoxBiDiFactory}): its profile sends every request to
 * the guard proxy already, and ending the session ends the browser and deletes its profile.
 */
final class LocalFirefox implements FirefoxBrowser {

  private static final Logger log = LoggerFactory.getLogger(LocalFirefox.class);

  private final FirefoxProcess process;

  LocalFirefox(FirefoxProcess process) {
    this.process = process;
  }

  @Override
  public boolean mayBeRunning() {
    return process.isAlive();
  }

  @Override
  public Map<String, Object> userContextParams(FirefoxGuard guard) {
    return Map.of();
  }

  /** Asks Firefox to close, then makes sure it is gone and its profile deleted. */
  @Override
  public void close(BiDiChannel channel, UserContexts contexts) {
    try {
      channel.send("browser.close", Map.of(), Duration.ofSeconds(5));
    } catch (WebDriverException e) {
      log.debug("closing Firefox over BiDi failed: {}", e.getMessage());
    }
    channel.close();
    process.stop(Duration.ofSeconds(3));
  }

  @Override
  public void abort(BiDiChannel channel, UserContexts contexts) {
    channel.abort();
    process.stop(Duration.ZERO);
  }
}

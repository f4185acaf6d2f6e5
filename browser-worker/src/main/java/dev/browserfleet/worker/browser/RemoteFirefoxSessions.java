package dev.browserfleet.worker.browser;

import dev.browserfleet.contracts.Engine;
import dev.browserfleet.worker.guard.FirefoxGuard;
import dev.browserfleet.worker.guard.WebDriverGuard;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.MutableCapabilities;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sessions on a remote Firefox: over WebDriver BiDi with the same {@link FirefoxSession} as a
 * local one wherever the endpoint offers BiDi, else over plain WebDriver.
 */
final class RemoteFirefoxSessions {

  private static final Logger log = LoggerFactory.getLogger(RemoteFirefoxSessions.class);

  /** A remote Firefox may be busy starting, as a local one is. */
  private static final Duration START_LIMIT = Duration.ofSeconds(120);

  private RemoteFirefoxSessions() {}

  /**
   * A BiDi session on the Remote Agent of a Firefox started elsewhere with {@code
   * --remote-debugging-port}: {@code ws://host:port} or {@code ws://host:port/session}.
   */
  static DriverSession onRemoteAgent(URI endpoint) {
    String path = endpoint.getPath() == null || endpoint.getPath().isEmpty() || endpoint.getPath().equals("/")
        ? "/session" : endpoint.getPath();
    URI sessionUrl = endpoint.resolve(path);
    FirefoxGuard guard = new FirefoxGuard();
    BiDiChannel channel = null;
    boolean made = false;
    try {
      channel = BiDiChannel.connect(sessionUrl.toString());
      channel.send("session.new", Map.of("capabilities",
          Map.of("alwaysMatch", Map.of("unhandledPromptBehavior", Map.of("default", "ignore")))), START_LIMIT);
      made = true;
      var browser = new RemoteFirefox(sessionUrl, RemoteFirefox.SessionEnd.BIDI, RemoteFirefox.isLoopback(endpoint.getHost()));
      return new FirefoxSession(browser, channel, guard);
    } catch (RuntimeException e) {
      guard.close();
      if (channel != null) {
        if (made) {
          endQuietly(channel);
        }
        channel.abort();
      }
      throw e;
    }
  }

  /**
   * A session on a Selenium endpoint (a Grid, or a node's geckodriver): a classic session that
   * asks for {@code webSocketUrl}, driven over BiDi when the answer carries one, and deleted when
   * the session ends (which ends that browser, the node's own). An endpoint that gives no BiDi
   * gets a new plain-WebDriver session instead, dialogs accepted by the driver. The guard proxy is
   * not used: the node's browser may be on another host.
   */
  static DriverSession onSeleniumEndpoint(URL endpoint) {
    MutableCapabilities capabilities = RemoteDriverFactory.firefoxCapabilities();
    capabilities.setCapability("webSocketUrl", true);
    capabilities.setCapability("unhandledPromptBehavior", "ignore");
    RemoteWebDriver classic = new RemoteWebDriver(endpoint, capabilities);
    Object webSocketUrl = classic.getCapabilities().getCapability("webSocketUrl");
    if (!(webSocketUrl instanceof String bidiUrl) || !bidiUrl.startsWith("ws")) {
      log.info("the Selenium endpoint {} offers no WebDriver BiDi for Firefox; using plain WebDriver", endpoint);
      classic.quit();
      return new PlainWebDriverSession(Engine.FIREFOX, endpoint, RemoteDriverFactory.firefoxCapabilities(), null, null,
          WebDriverGuard.afterTheFact());
    }
    FirefoxGuard guard = new FirefoxGuard();
    BiDiChannel channel = null;
    try {
      channel = BiDiChannel.connect(bidiUrl);
      return new FirefoxSession(new RemoteFirefox(URI.create(bidiUrl), ignored -> classic.quit(), false), channel, guard);
    } catch (RuntimeException e) {
      guard.close();
      if (channel != null) {
        channel.abort();
      }
      classic.quit();
      throw e;
    }
  }

  private static void endQuietly(BiDiChannel channel) {
    try {
      RemoteFirefox.SessionEnd.BIDI.end(channel);
    } catch (WebDriverException e) {
      log.debug("ending a session that could not be readied failed: {}", e.getMessage());
    }
  }
}

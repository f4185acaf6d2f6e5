package dev.browserfleet.worker.browser;

import dev.browserfleet.contracts.Engine;
import dev.browserfleet.worker.engine.SessionStartException;
import dev.browserfleet.worker.guard.WebDriverGuard;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.openqa.selenium.MutableCapabilities;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.devtools.Connection;
import org.openqa.selenium.remote.Augmenter;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens sessions on a remote endpoint: a Selenium endpoint (a Grid, a standalone node, or a
 * driver listening on a port), or, for Firefox, the WebDriver BiDi Remote Agent of a Firefox
 * started elsewhere ({@code ws://host:port}). Chromium sessions need CDP through the endpoint,
 * which Grid and chromedriver offer; Firefox sessions go over BiDi wherever the endpoint offers
 * it, as a local Firefox does, else over plain WebDriver; WebKit sessions use plain WebDriver (a
 * remote WebKit node is expected to have MiniBrowser where Debian puts it).
 */
public final class RemoteDriverFactory implements DriverFactory {

  private static final Logger log = LoggerFactory.getLogger(RemoteDriverFactory.class);

  private final Engine engine;
  private final URI endpoint;
  private final List<String> extraArguments;

  public RemoteDriverFactory(Engine engine, URI endpoint, List<String> extraArguments) {
    this.engine = engine;
    this.endpoint = endpoint;
    this.extraArguments = List.copyOf(extraArguments);
  }

  @Override
  public Engine engine() {
    return engine;
  }

  @Override
  public Optional<String> unavailableReason() {
    if (isRemoteAgent() && engine != Engine.FIREFOX) {
      return Optional.of("a ws:// endpoint is a Firefox Remote Agent, which serves firefox only; "
          + engine.wireName() + " needs an http(s):// Selenium endpoint");
    }
    return Optional.empty();
  }

  private boolean isRemoteAgent() {
    return "ws".equalsIgnoreCase(endpoint.getScheme()) || "wss".equalsIgnoreCase(endpoint.getScheme());
  }

  @Override
  public String description() {
    return isRemoteAgent() ? "remote Firefox over WebDriver BiDi at " + endpoint : "remote Selenium endpoint " + endpoint;
  }

  @Override
  public DriverSession start() {
    if (isRemoteAgent()) {
      try {
        return RemoteFirefoxSessions.onRemoteAgent(endpoint);
      } catch (RuntimeException e) {
        throw new SessionStartException("could not open a WebDriver BiDi session on the remote Firefox " + endpoint
            + ": " + ChromiumDriverFactory.firstLine(e.getMessage()), e);
      }
    }
    URL url;
    try {
      url = endpoint.toURL();
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new SessionStartException("the remote endpoint " + endpoint + " is not a URL", e);
    }
    if (engine != Engine.CHROMIUM) {
      try {
        if (engine == Engine.FIREFOX) {
          return RemoteFirefoxSessions.onSeleniumEndpoint(url);
        }
        MutableCapabilities capabilities =
            WebKitDriverFactory.capabilities(WebKitDriverFactory.Settings.debianDefaults(Path.of("/tmp")).browserBinary());
        return new PlainWebDriverSession(engine, url, capabilities, null, null, WebDriverGuard.afterTheFact());
      } catch (RuntimeException e) {
        throw new SessionStartException("could not start a " + engine.wireName() + " session on " + endpoint
            + ": " + ChromiumDriverFactory.firstLine(e.getMessage()), e);
      }
    }
    RemoteWebDriver remote;
    try {
      remote = new RemoteWebDriver(url, chromeOptions());
    } catch (RuntimeException e) {
      throw new SessionStartException("could not start a " + engine.wireName() + " session on " + endpoint
          + ": " + ChromiumDriverFactory.firstLine(e.getMessage()), e);
    }
    try {
      WebDriver driver = new Augmenter().augment(remote);
      if (!(driver instanceof HasCdp)) {
        throw new IllegalStateException("the endpoint offers no CDP for this session");
      }
      Connection cdp = cdpConnectionOf(driver);
      try {
        return new ChromiumSession(driver, cdp, null);
      } catch (RuntimeException e) {
        if (cdp != null) {
          cdp.close();
        }
        throw e;
      }
    } catch (RuntimeException e) {
      try {
        remote.quit();
      } catch (RuntimeException ignored) {
        // the start failed already; that is what is reported
      }
      throw new SessionStartException("could not prepare the " + engine.wireName() + " session on " + endpoint
          + ": " + ChromiumDriverFactory.firstLine(e.getMessage()), e);
    }
  }

  /** A Firefox session on a Grid node, which has geckodriver: as plain WebDriver, dialogs accepted by the driver. */
  static MutableCapabilities firefoxCapabilities() {
    var capabilities = new MutableCapabilities();
    capabilities.setCapability("browserName", "firefox");
    capabilities.setCapability("moz:firefoxOptions", java.util.Map.of("args", List.of("-headless")));
    capabilities.setCapability("pageLoadStrategy", "eager");
    capabilities.setCapability("unhandledPromptBehavior", "accept");
    return capabilities;
  }

  private Connection cdpConnectionOf(WebDriver driver) {
    try {
      Optional<Connection> connection = CdpDomains.connect(driver);
      if (connection.isPresent()) {
        return connection.get();
      }
      log.info("the remote endpoint {} gives no DevTools connection; networkidle falls back to resource timing",
          endpoint);
    } catch (RuntimeException e) {
      log.info("the remote endpoint {} gives no DevTools connection ({}); networkidle falls back to resource timing",
          endpoint, ChromiumDriverFactory.firstLine(e.getMessage()));
    }
    return null;
  }

  private ChromeOptions chromeOptions() {
    return ChromiumDriverFactory.sessionOptions(extraArguments);
  }
}

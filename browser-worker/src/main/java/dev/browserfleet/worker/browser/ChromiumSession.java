package dev.browserfleet.worker.browser;

import dev.browserfleet.contracts.Engine;
import dev.browserfleet.contracts.WaitUntil;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.Optional;
import org.openqa.selenium.HasCapabilities;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.devtools.CdpInfo;
import org.openqa.selenium.devtools.CdpVersionFinder;
import org.openqa.selenium.devtools.Command;
import org.openqa.selenium.devtools.Connection;
import org.openqa.selenium.devtools.DevTools;
import org.openqa.selenium.devtools.Event;
import org.openqa.selenium.devtools.SeleniumCdpConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Chromium session. Emulation, screenshots and storage clearing go through CDP commands on the
 * driver; network idleness is read from CDP {@code Network} events on a DevTools connection.
 */
final class ChromiumSession implements BrowserSession {

  private static final Logger log = LoggerFactory.getLogger(ChromiumSession.class);

  /** Quiet time that counts as network idle, as in Playwright's {@code networkidle}. */
  static final Duration NETWORK_QUIET = Duration.ofMillis(500);

  private static final long POLL_MILLIS = 25;

  private final WebDriver driver;
  private final HasCdp cdp;
  private final Connection cdpConnection;
  private final DevTools devTools;
  private final LocalBrowserProcesses local;
  private final NetworkActivity network = new NetworkActivity();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile int jobsBegun;
  private Duration pageLoadTimeout;

  /**
   * @param cdpConnection a DevTools connection to the browser, or {@code null} when the endpoint
   *     offers none; network idleness is then judged from the page's resource timing entries. The
   *     session owns it rather than the driver, whose quit would first send commands over it and
   *     wait for answers that an aborted browser never gives.
   * @param local the processes and files of a local browser, or {@code null} for a remote one
   */
  ChromiumSession(WebDriver driver, Connection cdpConnection, LocalBrowserProcesses local) {
    if (!(driver instanceof HasCdp hasCdp)) {
      throw new IllegalArgumentException("a Chromium session needs a driver that speaks CDP");
    }
    this.driver = driver;
    this.cdp = hasCdp;
    this.cdpConnection = cdpConnection;
    this.devTools = cdpConnection == null ? null : new DevTools(domainsOf(driver)::getDomains, cdpConnection);
    this.local = local;
    driver.manage().timeouts().implicitlyWait(Duration.ZERO);
    if (devTools != null) {
      devTools.addListener(
          new Event<>("Network.requestWillBeSent", NetworkActivity::readRequest),
          request -> network.requestStarted(request[0], request[1]));
      devTools.addListener(
          new Event<>("Network.loadingFinished", NetworkActivity::readRequest),
          request -> network.requestEnded(request[0]));
      devTools.addListener(
          new Event<>("Network.loadingFailed", NetworkActivity::readRequest),
          request -> network.requestEnded(request[0]));
      attachDevTools(driver.getWindowHandle());
    }
  }

  @Override
  public Engine engine() {
    return Engine.CHROMIUM;
  }

  @Override
  public WebDriver driver() {
    return driver;
  }

  @Override
  public int jobsBegun() {
    return jobsBegun;
  }

  @Override
  public void beginJob(DeviceProfile profile) {
    jobsBegun++;
    var metrics = new HashMap<String, Object>();
    metrics.put("width", profile.width());
    metrics.put("height", profile.height());
    metrics.put("deviceScaleFactor", profile.deviceScaleFactor());
    metrics.put("mobile", profile.mobile());
    metrics.put("screenWidth", profile.width());
    metrics.put("screenHeight", profile.height());
    cdp.executeCdpCommand("Emulation.setDeviceMetricsOverride", metrics);
    cdp.executeCdpCommand(
        "Emulation.setTouchEmulationEnabled",
        profile.mobile() ? Map.of("enabled", true, "maxTouchPoints", 5) : Map.of("enabled", false));
    if (profile.userAgent() != null) {
      cdp.executeCdpCommand("Emulation.setUserAgentOverride", Map.of("userAgent", profile.userAgent()));
    }
  }

  @Override
  public void open(String url, WaitUntil waitUntil, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    if (!timeout.equals(pageLoadTimeout)) {
      driver.manage().timeouts().pageLoadTimeout(timeout);
      pageLoadTimeout = timeout;
    }
    network.newPage();
    // The session's page load strategy is "eager": get() returns at DOMContentLoaded.
    driver.get(url);
    if (waitUntil == WaitUntil.LOAD || waitUntil == WaitUntil.NETWORK_IDLE) {
      await(() -> "complete".equals(script("return document.readyState")), deadline, timeout, "load");
    }
    if (waitUntil == WaitUntil.NETWORK_IDLE) {
      if (devTools != null) {
        long quiet = NETWORK_QUIET.toNanos();
        await(() -> network.isIdleFor(quiet), deadline, timeout, "networkidle");
      } else {
        awaitResourceTimingQuiet(deadline, timeout);
      }
    }
  }

  @Override
  public byte[] screenshot(boolean fullPage, ImageFormat format, Integer quality) {
    var params = new HashMap<String, Object>();
    params.put("format", format.wireName());
    if (format == ImageFormat.JPEG && quality != null) {
      params.put("quality", quality);
    }
    if (fullPage) {
      Map<String, Object> metrics = cdp.executeCdpCommand("Page.getLayoutMetrics", Map.of());
      @SuppressWarnings("unchecked")
      var size = (Map<String, Object>) metrics.get("cssContentSize");
      double width = Math.ceil(((Number) size.get("width")).doubleValue());
      double height = Math.ceil(((Number) size.get("height")).doubleValue());
      params.put("captureBeyondViewport", true);
      params.put("clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1));
    }
    Map<String, Object> shot = cdp.executeCdpCommand("Page.captureScreenshot", params);
    return Base64.getDecoder().decode((String) shot.get("data"));
  }

  @Override
  public void reset() {
    // A new tab is the only way to drop sessionStorage, history and the page's JS state at once.
    Set<String> oldWindows = driver.getWindowHandles();
    String fresh = driver.switchTo().newWindow(WindowType.TAB).getWindowHandle();
    if (devTools != null) {
      // Detach while the old tab still exists; detaching from a closed one fails noisily.
      devTools.disconnectSession();
    }
    for (String window : oldWindows) {
      driver.switchTo().window(window);
      driver.close();
    }
    driver.switchTo().window(fresh);
    cdp.executeCdpCommand("Network.clearBrowserCookies", Map.of());
    for (String origin : network.takeOrigins()) {
      cdp.executeCdpCommand("Storage.clearDataForOrigin", Map.of("origin", origin, "storageTypes", "all"));
    }
    cdp.executeCdpCommand("Browser.resetPermissions", Map.of());
    if (devTools != null) {
      attachDevTools(fresh);
    }
    network.newPage();
  }

  @Override
  public boolean isAlive() {
    if (closed.get()) {
      return false;
    }
    try {
      // A round trip to the page itself: chromedriver answers some commands without the browser.
      driver.getCurrentUrl();
      return true;
    } catch (WebDriverException e) {
      return false;
    }
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    List<ProcessHandle> processes = local == null ? List.of() : local.processes();
    closeCdpConnection();
    try {
      driver.quit();
    } catch (WebDriverException e) {
      log.debug("quitting a Chromium session failed: {}", e.getMessage());
    }
    if (local != null) {
      local.cleanUp(processes, Duration.ofSeconds(3));
    }
  }

  @Override
  public void abort() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (local != null) {
      List<ProcessHandle> processes = local.processes();
      closeCdpConnection();
      local.kill();
      local.cleanUp(processes, Duration.ofSeconds(2));
      // Selenium's quit now only tidies its client, but it spends seconds failing to reach the
      // killed driver: off this thread, which must get on with the next job.
      Thread.ofPlatform().daemon().name("bf-aborted-quit").start(this::quitQuietly);
    } else {
      // A remote browser cannot be killed from here; ask its endpoint to end it, off this thread.
      closeCdpConnection();
      Thread.ofPlatform().daemon().name("bf-remote-quit").start(this::quitQuietly);
    }
  }

  private void quitQuietly() {
    try {
      driver.quit();
    } catch (RuntimeException e) {
      log.debug("quitting an aborted session failed: {}", e.getMessage());
    }
  }

  private void closeCdpConnection() {
    if (cdpConnection != null) {
      try {
        cdpConnection.close();
      } catch (RuntimeException e) {
        log.debug("closing a DevTools connection failed: {}", e.getMessage());
      }
    }
  }

  /** The CDP domains of the browser's version, which DevTools needs to attach to a page. */
  private static CdpInfo domainsOf(WebDriver driver) {
    String version = ((HasCapabilities) driver).getCapabilities().getBrowserVersion();
    return new CdpVersionFinder().match(version)
        .orElseThrow(() -> new IllegalStateException("Selenium has no CDP support for Chromium " + version));
  }

  /** A DevTools connection to the browser of {@code driver}, if its endpoint offers one. */
  static Optional<Connection> openCdpConnection(WebDriver driver) {
    return SeleniumCdpConnection.create(driver);
  }

  private void attachDevTools(String window) {
    devTools.createSession(window);
    devTools.send(new Command<Void>("Network.enable", Map.of()));
  }

  private Object script(String script) {
    return ((JavascriptExecutor) driver).executeScript(script);
  }

  /**
   * Without CDP events (a remote endpoint that exposes no DevTools connection), the best honest
   * signal is the page's own resource timing: no new entry for the quiet period.
   */
  private void awaitResourceTimingQuiet(long deadline, Duration timeout) {
    long[] last = {-1, System.nanoTime()};
    await(
        () -> {
          long count = ((Number) script("return performance.getEntriesByType('resource').length")).longValue();
          long now = System.nanoTime();
          if (count != last[0]) {
            last[0] = count;
            last[1] = now;
          }
          return now - last[1] >= NETWORK_QUIET.toNanos();
        },
        deadline,
        timeout,
        "networkidle");
  }

  private static void await(BooleanSupplier condition, long deadline, Duration timeout, String what) {
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("the page did not reach " + what + " within " + timeout.toMillis() + " ms");
      }
      try {
        TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SessionInterruptedException("interrupted while waiting for " + what);
      }
    }
  }
}

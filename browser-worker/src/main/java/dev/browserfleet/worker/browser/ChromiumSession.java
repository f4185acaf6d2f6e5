package dev.browserfleet.worker.browser;

import dev.browserfleet.contracts.Engine;
import dev.browserfleet.contracts.WaitUntil;
import dev.browserfleet.contracts.action.BrowserStorage;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.Optional;
import org.openqa.selenium.HasCapabilities;
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


  private final WebDriver driver;
  private final HasCdp cdp;
  private final Connection cdpConnection;
  private final DevTools devTools;
  private final PopupTargets popups;
  private final LocalBrowserProcesses local;
  private final NetworkActivity network = new NetworkActivity();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicReference<String> blockedNavigation = new AtomicReference<>();
  private volatile NavigationGuard guard = NavigationGuard.ALLOW_ALL;
  private volatile int jobsBegun;
  private Duration pageLoadTimeout;
  private String storageScriptId;

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
    this.popups = cdpConnection == null ? null : new PopupTargets(cdpConnection);
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
      devTools.addListener(new Event<>("Fetch.requestPaused", NetworkActivity::readRequest), this::vetDocument);
      devTools.addListener(new Event<>("Page.javascriptDialogOpening", input -> {
        input.skipValue();
        return Boolean.TRUE;
      }), opened -> acceptDialog());
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
  public void beginJob(DeviceProfile profile, NavigationGuard guard) {
    jobsBegun++;
    this.guard = guard;
    blockedNavigation.set(null);
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
  public void prepareStorage(String targetUrl, BrowserStorage storage) {
    if (!storage.cookies().isEmpty()) {
      cdp.executeCdpCommand("Network.setCookies", Map.of("cookies", BrowserStorageScripts.cdpCookies(targetUrl, storage)));
    }
    if (!storage.localStorage().isEmpty() || !storage.sessionStorage().isEmpty()) {
      // Runs before the page's own scripts in every new document of the target's origin, until
      // the target has loaded (see open).
      Map<String, Object> added = cdp.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
          Map.of("source", BrowserStorageScripts.seedStorage(targetUrl, storage)));
      storageScriptId = (String) added.get("identifier");
    }
  }

  @Override
  public Optional<String> takeBlockedNavigation() {
    if (devTools == null && guard != NavigationGuard.ALLOW_ALL) {
      // No DevTools connection to vet requests with: the windows are checked after the fact.
      return OpenWindows.closeDenied(driver, guard);
    }
    return Optional.ofNullable(blockedNavigation.getAndSet(null));
  }

  @Override
  public void awaitNetworkIdle(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    if (devTools != null) {
      long quiet = PageWaits.NETWORK_QUIET.toNanos();
      PageWaits.await(() -> network.isIdleFor(quiet), deadline, timeout, "networkidle");
    } else {
      PageWaits.awaitResourceTimingQuiet(driver, deadline, timeout);
    }
  }

  @Override
  public void open(String url, WaitUntil waitUntil, Duration timeout) {
    try {
      load(url, waitUntil, timeout);
    } finally {
      if (storageScriptId != null) {
        String id = storageScriptId;
        storageScriptId = null;
        cdp.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", id));
      }
    }
  }

  private void load(String url, WaitUntil waitUntil, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    if (!timeout.equals(pageLoadTimeout)) {
      driver.manage().timeouts().pageLoadTimeout(timeout);
      pageLoadTimeout = timeout;
    }
    network.newPage();
    // The session's page load strategy is "eager": get() returns at DOMContentLoaded.
    driver.get(url);
    awaitPage(waitUntil, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
  }

  @Override
  public void awaitPage(WaitUntil waitUntil, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    if (waitUntil == WaitUntil.LOAD || waitUntil == WaitUntil.NETWORK_IDLE) {
      PageWaits.awaitLoad(driver, deadline, timeout);
    }
    if (waitUntil == WaitUntil.NETWORK_IDLE) {
      awaitNetworkIdle(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
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
      // Let go of any paused request first, then detach while the old tab still exists; detaching
      // from a closed one fails noisily.
      try {
        devTools.send(new Command<Void>("Fetch.disable", Map.of()));
      } catch (RuntimeException e) {
        log.debug("disabling request interception before a reset failed: {}", e.getMessage());
      }
      devTools.disconnectSession();
    }
    driver.switchTo().window(fresh);
    // chromedriver's window handles are CDP target ids. Closing the targets through CDP does not
    // wait, as WebDriver's close does, for a navigation in flight or a dialog in that window.
    for (String window : oldWindows) {
      try {
        cdp.executeCdpCommand("Target.closeTarget", Map.of("targetId", window));
      } catch (WebDriverException alreadyGone) {
        log.debug("closing window {} at reset: {}", window, alreadyGone.getMessage());
      }
    }
    cdp.executeCdpCommand("Network.clearBrowserCookies", Map.of());
    for (String origin : network.takeOrigins()) {
      cdp.executeCdpCommand("Storage.clearDataForOrigin", Map.of("origin", origin, "storageTypes", "all"));
    }
    cdp.executeCdpCommand("Browser.resetPermissions", Map.of());
    if (devTools != null) {
      attachDevTools(fresh);
    }
    network.newPage();
    guard = NavigationGuard.ALLOW_ALL;
    blockedNavigation.set(null);
    storageScriptId = null;
  }

  @Override
  public boolean isAlive() {
    return !closed.get() && BrowserSession.answers(driver);
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
    devTools.send(new Command<Void>("Page.enable", Map.of()));
    // Every document request, redirect hops and frames included, pauses until the guard has seen
    // it; those of the windows the page opens too (see PopupTargets).
    devTools.send(PopupTargets.interceptDocuments());
  }

  /** How many popups have their documents vetted now (for tests). */
  int guardedPopups() {
    return popups == null ? 0 : popups.guardedCount();
  }

  /**
   * Accepts a dialog (alert, confirm, prompt, beforeunload) the moment it opens, so that it never
   * blocks the page, the job, or a reset; the unhandledPromptBehavior capability only acts when
   * the next WebDriver command comes. Answered off the DevTools event thread.
   */
  private void acceptDialog() {
    Thread.ofVirtual().name("bf-cdp-dialog").start(() -> {
      try {
        devTools.send(new Command<Void>("Page.handleJavaScriptDialog", Map.of("accept", true)));
      } catch (RuntimeException e) {
        log.debug("accepting a dialog failed (it may be gone already): {}", e.getMessage());
      }
    });
  }

  /**
   * Lets a paused document request go on, or fails it when the guard denies its URL; the page's
   * own and those of the windows it opened alike. Answered off the DevTools event thread, which
   * must not wait for a reply to its own connection.
   */
  private void vetDocument(String[] request) {
    String requestId = request[0];
    String url = request[1];
    String frameId = request[2];
    Optional<String> denial = url == null ? Optional.empty() : guard.denial(url);
    denial.ifPresent(why -> blockedNavigation.compareAndSet(null, why));
    if (denial.isEmpty()) {
      network.documentRequested(url);
    }
    Command<Void> answer = denial.isPresent()
        ? new Command<>("Fetch.failRequest", Map.of("requestId", requestId, "errorReason", "BlockedByClient"))
        : new Command<>("Fetch.continueRequest", Map.of("requestId", requestId));
    Thread.ofVirtual().name("bf-cdp-fetch").start(() -> popups.answer(devTools.getCdpSession(), frameId, answer));
  }
}

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.Optional;
import org.openqa.selenium.HasCapabilities;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.devtools.CdpInfo;
import org.openqa.selenium.devtools.Command;
import org.openqa.selenium.devtools.Connection;
import org.openqa.selenium.devtools.DevTools;
import org.openqa.selenium.devtools.Event;
import org.openqa.selenium.devtools.SeleniumCdpConnection;
import org.openqa.selenium.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Chromium session. Navigation and element commands go through chromedriver; everything else
 * (emulation, screenshots, the load wait, the reset) goes straight to the browser as CDP commands
 * on the session's own DevTools connection, a round trip of well under a millisecond where
 * chromedriver takes several. Network idleness is read from CDP {@code Network} events. A local
 * browser's requests all go through the session's address-only {@link GuardProxy}.
 *
 * <p>The reset keeps the tab, and its renderer process, when the job's documents all had the
 * origin of its last page; otherwise the job's tab is replaced by a new one. See {@link #reset()}.
 */
final class ChromiumSession implements BrowserSession {

  private static final Logger log = LoggerFactory.getLogger(ChromiumSession.class);
  private static final Set<Integer> UNMATCHED_VERSIONS_LOGGED = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * Every kind of storage a page can write (cookies are cleared for all origins at once). Not
   * "all", which adds the GPU shader cache and costs 15 to 150 ms per origin instead of 1 to 5.
   */
  private static final String WEB_STORAGE = "local_storage,indexeddb,cache_storage,service_workers,file_systems,"
      + "websql,shared_storage,storage_buckets,interest_groups";

  private final WebDriver driver;
  private final HasCdp cdp;
  private final Connection cdpConnection;
  private final DevTools devTools;
  private final PopupTargets popups;
  private final LocalBrowserProcesses local;
  private final GuardProxy proxy;
  private final NetworkActivity network = new NetworkActivity();
  private final NavigationErrors navigationErrors = new NavigationErrors();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicReference<String> blockedNavigation = new AtomicReference<>();
  /** The origins of the documents the job's tab committed (any frame), fed by Page.frameNavigated. */
  private final Set<String> documentOrigins = java.util.concurrent.ConcurrentHashMap.newKeySet();
  /** Completed when the tab's main frame commits about:blank, while a reset waits for it. */
  private volatile CompletableFuture<Void> blankCommitted;
  /** The target id of the job's tab, which is also its chromedriver window handle. */
  private String tab;
  /** A window of the job switched to, or null while it acts on its tab. */
  private volatile String window;
  /** What the current tab emulates, so that a job on the same tab does not pay for it twice. */
  private DeviceProfile emulated;
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
    this(driver, cdpConnection, local, null);
  }

  /**
   * @param proxy the address-only {@link GuardProxy} the local browser sends all its requests to,
   *     which this session then owns, or {@code null}
   */
  ChromiumSession(WebDriver driver, Connection cdpConnection, LocalBrowserProcesses local, GuardProxy proxy) {
    this.proxy = proxy;
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
          (sequence, request) -> network.requestStarted(sequence, request[0], request[1]));
      devTools.addListener(
          new Event<>("Network.loadingFinished", NetworkActivity::readRequest),
          (sequence, request) -> network.requestEnded(sequence, request[0]));
      devTools.addListener(
          new Event<>("Network.loadingFailed", NetworkActivity::readRequest),
          (sequence, request) -> network.requestEnded(sequence, request[0]));
      devTools.addListener(new Event<>("Network.requestWillBeSent", CdpEvents::params), navigationErrors::requestWillBeSent);
      devTools.addListener(new Event<>("Network.responseReceived", CdpEvents::params), navigationErrors::responseReceived);
      devTools.addListener(new Event<>("Network.loadingFailed", CdpEvents::params), navigationErrors::loadingFailed);
      devTools.addListener(new Event<>("Fetch.requestPaused", NetworkActivity::readRequest), this::vetDocument);
      devTools.addListener(new Event<>("Page.javascriptDialogOpening", input -> {
        input.skipValue();
        return Boolean.TRUE;
      }), opened -> acceptDialog());
      devTools.addListener(new Event<>("Page.frameNavigated", CdpEvents::params), this::frameNavigated);
      tab = driver.getWindowHandle();
      attachDevTools(tab);
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
    if (proxy != null) {
      proxy.use(guard);
      proxy.takeDenial(); // one from between jobs is no business of this one
    }
    if (profile.equals(emulated)) {
      return;
    }
    var metrics = new HashMap<String, Object>();
    metrics.put("width", profile.width());
    metrics.put("height", profile.height());
    metrics.put("deviceScaleFactor", profile.deviceScaleFactor());
    metrics.put("mobile", profile.mobile());
    metrics.put("screenWidth", profile.width());
    metrics.put("screenHeight", profile.height());
    command("Emulation.setDeviceMetricsOverride", metrics);
    command("Emulation.setTouchEmulationEnabled",
        profile.mobile() ? Map.of("enabled", true, "maxTouchPoints", 5) : Map.of("enabled", false));
    if (profile.userAgent() != null) {
      command("Emulation.setUserAgentOverride", Map.of("userAgent", profile.userAgent()));
    }
    // A user agent override cannot be taken back on a tab; a later job without one gets a new tab.
    emulated = profile.userAgent() == null ? profile : null;
  }

  @Override
  public void prepareStorage(String targetUrl, BrowserStorage storage) {
    if (!storage.cookies().isEmpty()) {
      command("Network.setCookies", Map.of("cookies", BrowserStorageScripts.cdpCookies(targetUrl, storage)));
    }
    if (!storage.localStorage().isEmpty() || !storage.sessionStorage().isEmpty()) {
      // Runs before the page's own scripts in every new document of the target's origin, until
      // the target has loaded (see open).
      Map<String, Object> added = command("Page.addScriptToEvaluateOnNewDocument",
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
    Optional<String> refused = Optional.ofNullable(blockedNavigation.getAndSet(null));
    return proxy == null ? refused : refused.or(proxy::takeDenial);
  }

  @Override
  public void awaitNetworkIdle(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    if (onTab()) {
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
      removeStorageScript();
    }
  }

  /** Stops seeding the job's storage into new documents; it did so for the target only. */
  private void removeStorageScript() {
    if (storageScriptId != null) {
      String id = storageScriptId;
      storageScriptId = null;
      command("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", id));
    }
  }

  private void load(String url, WaitUntil waitUntil, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    if (!timeout.equals(pageLoadTimeout)) {
      driver.manage().timeouts().pageLoadTimeout(timeout);
      pageLoadTimeout = timeout;
    }
    network.newPage();
    navigationErrors.newPage();
    if (proxy != null) {
      proxy.forgetFailures();
    }
    // The session's page load strategy is "eager": get() returns at DOMContentLoaded.
    try {
      driver.get(url);
    } catch (WebDriverException e) {
      throw proxyFailure(url, true).map(why -> (RuntimeException) why).orElse(e);
    }
    throwIfUnreached(url);
    throwIfNotLoaded(url);
    awaitPage(waitUntil, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
    // Again once the page has loaded: get() has been seen to return before the document's
    // request reached the proxy (CI, JobRunnerChromiumTest.anUnreachableTargetIsARetryableNavigationFailure).
    throwIfUnreached(url);
  }

  /**
   * An http origin the proxy could not reach gives its 502 page, which Chromium shows as loaded;
   * fails the navigation instead, for the URL asked for or for where a redirect took it.
   */
  private void throwIfUnreached(String url) {
    if (proxy != null && proxy.hasFailures()) {
      Optional<WebDriverException> unreached = proxyFailure(url, false).or(() -> proxyFailure(driver.getCurrentUrl(), false));
      if (unreached.isPresent()) {
        throw unreached.get();
      }
    }
  }

  /**
   * What the proxy knows of a document that did not load from {@code url}: a refused address
   * becomes the job's blocked navigation (a {@code URL_POLICY} failure), a network error the
   * navigation's error, named as Chromium names it rather than as a failed tunnel. {@code
   * navigationFailed}: the browser failed the navigation, so a failed tunnel to the URL's host
   * explains it too.
   */
  private Optional<WebDriverException> proxyFailure(String url, boolean navigationFailed) {
    if (proxy == null) {
      return Optional.empty();
    }
    var known = proxy.failure(url);
    if (known.isEmpty() && navigationFailed) {
      known = proxy.tunnelFailure(url);
    }
    return known.map(failure -> {
      if (failure.denied()) {
        blockedNavigation.compareAndSet(null, "navigation to " + url + " is denied: " + failure.why());
      }
      return new WebDriverException(failure.why());
    });
  }

  /** As a navigation the page started; an origin the guard proxy could not reach fails it, as in {@link #open}. */
  @Override
  public void traverse(HistoryStep step, WaitUntil waitUntil, Duration timeout) {
    if (proxy != null) {
      proxy.forgetFailures();
    }
    BrowserSession.super.traverse(step, waitUntil, timeout);
    throwIfUnreached(currentUrl());
  }

  @Override
  public void awaitPage(WaitUntil waitUntil, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    if (waitUntil == WaitUntil.LOAD || waitUntil == WaitUntil.NETWORK_IDLE) {
      if (onTab()) {
        awaitLoadEvent(deadline, timeout);
      } else {
        PageWaits.awaitLoad(driver, deadline, timeout);
      }
    }
    if (waitUntil == WaitUntil.NETWORK_IDLE) {
      awaitNetworkIdle(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
    }
    throwIfNotLoaded(null);
  }

  /**
   * Fails a navigation that Chromium refused or failed on its own (a port browsers refuse, an
   * untrusted certificate, a response with no document), which WebDriver answers as loaded: the
   * tab then shows Chromium's error page, or still the page before. {@code asked}: the URL just
   * opened, or null for a navigation the page started, where only an error page counts.
   */
  private void throwIfNotLoaded(String asked) {
    if (!onTab()) {
      ErrorPages.throwIfShown(driver, asked);
      return;
    }
    Map<String, Object> tree = command("Page.getFrameTree", Map.of());
    navigationErrors.throwIfFailed(asked, CdpEvents.string(tree, "frameTree", "frame", "unreachableUrl"),
        CdpEvents.string(tree, "frameTree", "frame", "loaderId"), CdpEvents.string(tree, "frameTree", "frame", "url"));
  }

  @Override
  public String currentUrl() {
    if (!onTab()) {
      return driver.getCurrentUrl();
    }
    @SuppressWarnings("unchecked")
    var info = (Map<String, Object>) command("Target.getTargetInfo", Map.of()).get("targetInfo");
    return (String) info.get("url");
  }

  @Override
  public String title() {
    if (!onTab()) {
      return driver.getTitle();
    }
    @SuppressWarnings("unchecked")
    var result = (Map<String, Object>) command("Runtime.evaluate",
        Map.of("expression", "document.title", "returnByValue", true)).get("result");
    return result == null || result.get("value") == null ? "" : String.valueOf(result.get("value"));
  }

  @Override
  public byte[] screenshot(boolean fullPage, ImageFormat format, Integer quality) {
    var params = new HashMap<String, Object>();
    params.put("format", format.wireName());
    if (format == ImageFormat.JPEG && quality != null) {
      params.put("quality", quality);
    }
    if (fullPage) {
      Map<String, Object> metrics = command("Page.getLayoutMetrics", Map.of());
      @SuppressWarnings("unchecked")
      var size = (Map<String, Object>) metrics.get("cssContentSize");
      double width = Math.ceil(((Number) size.get("width")).doubleValue());
      double height = Math.ceil(((Number) size.get("height")).doubleValue());
      params.put("captureBeyondViewport", true);
      params.put("clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1));
    }
    Map<String, Object> shot = command("Page.captureScreenshot", params);
    return Base64.getDecoder().decode((String) shot.get("data"));
  }

  /**
   * Chromedriver follows the window; the DevTools session is the tab's, so while another window is
   * the job's, CDP commands go through chromedriver, and waits are those of a session without CDP.
   */
  @Override
  public void switchToWindow(String window) {
    driver.switchTo().window(window);
    this.window = window.equals(tab) ? null : window;
  }

  private boolean onTab() {
    return devTools != null && window == null;
  }

  @Override
  public void reset() {
    if (window != null && tab != null) {
      window = null;
      driver.switchTo().window(tab); // the window may have closed, leaving chromedriver nowhere
    }
    // A job that prepared storage but never opened its target (it failed in between) must not
    // leave the seeding script on a tab that the next job keeps.
    removeStorageScript();
    if (devTools == null) {
      resetThroughTheDriver();
    } else {
      resetThroughDevTools();
    }
    network.newPage();
    guard = NavigationGuard.ALLOW_ALL;
    if (proxy != null) {
      proxy.use(guard);
    }
    blockedNavigation.set(null);
  }

  /**
   * Readies the tab for the next job. Every window the job opened is closed, cookies, the storage of
   * every origin the job talked to (local storage, IndexedDB, caches, service workers) and granted
   * permissions are cleared. Then, when every document of the job had the origin of its last page:
   * the page navigates itself to {@code about:blank}, which keeps that origin, so that the blank
   * document can clear the origin's sessionStorage and the window's name; the history is reset.
   * The renderer process stays, which is what makes this reset cheap. Otherwise (several origins,
   * whose sessionStorage no blank document can reach; a user agent override, which a tab cannot
   * take back), the job's tab is replaced by a new one.
   */
  private void resetThroughDevTools() {
    List<String> others = browserPages().stream().filter(page -> !page.equals(tab)).toList();
    if (!others.isEmpty()) {
      awaitAll(others.stream().map(this::closeTab).toList(), "closing the job's windows");
      PageClosing.await(others, this::browserPages, this::closeTab);
      // chromedriver may have been pointed at one of them
      driver.switchTo().window(tab);
    }
    Set<String> origins = Set.copyOf(documentOrigins);
    documentOrigins.clear();
    boolean tabReused = emulated != null && origins.size() <= 1 && blankInPlace(origins);
    if (!tabReused) {
      replaceTab();
      emulated = null;
    }
    var clearing = new java.util.ArrayList<CompletableFuture<Map<String, Object>>>();
    clearing.add(tabCommand("Network.clearBrowserCookies", Map.of()));
    for (String origin : network.takeOrigins()) {
      clearing.add(tabCommand("Storage.clearDataForOrigin", Map.of("origin", origin, "storageTypes", WEB_STORAGE)));
    }
    clearing.add(browserCommand("Browser.resetPermissions", Map.of()));
    if (tabReused) {
      clearing.add(tabCommand("Page.resetNavigationHistory", Map.of()));
    }
    awaitAll(clearing, "clearing cookies, storage and permissions");
  }

  /**
   * Navigates the page to {@code about:blank} from within, so that the blank document inherits
   * the page's origin, then clears that origin's sessionStorage and the window's name from it.
   *
   * @return false when the page is not on {@code origin}, so that the tab must be replaced
   */
  private boolean blankInPlace(Set<String> origins) {
    String clear = "(() => { if (document.URL !== 'about:blank') return 'not blank';"
        + " try { sessionStorage.clear(); window.name = ''; return self.origin; } catch (e) { return String(e); } })()";
    var committed = new CompletableFuture<Void>();
    blankCommitted = committed;
    try {
      evaluate("location.replace('about:blank')");
      long deadline = System.nanoTime() + SessionPool.RESET_LIMIT.toNanos() / 3;
      committed.get(SessionPool.RESET_LIMIT.toMillis() / 3, java.util.concurrent.TimeUnit.MILLISECONDS);
      while (true) {
        Object outcome;
        try {
          outcome = evaluate(clear);
        } catch (WebDriverException contextReplaced) {
          outcome = "navigating";
        }
        if (!"not blank".equals(outcome) && !"navigating".equals(outcome)) {
          // The blank document must have had the origin of every document of the job.
          return origins.isEmpty() || origins.contains(String.valueOf(outcome));
        }
        if (System.nanoTime() > deadline) {
          log.debug("the page did not go blank in place; replacing the tab");
          return false;
        }
        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
      }
    } catch (WebDriverException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      log.debug("blanking the page in place failed, replacing the tab: {}", e.getMessage());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SessionInterruptedException("interrupted while blanking the page");
    } finally {
      blankCommitted = null;
    }
  }

  /** Replaces the job's tab, which may hold sessionStorage of several origins, by a new blank one. */
  private void replaceTab() {
    String fresh = (String) browserCommand("Target.createTarget", Map.of("url", "about:blank")).join().get("targetId");
    // Let go of the old tab while it still exists; detaching from a closed one fails noisily.
    // Closing it releases any request paused for the guard.
    devTools.disconnectSession();
    driver.switchTo().window(fresh);
    awaitAll(List.of(closeTab(tab)), "closing the job's tab");
    PageClosing.await(List.of(tab), this::browserPages, this::closeTab);
    tab = fresh;
    attachDevTools(fresh);
  }

  /** The target ids of the browser's pages (tabs and popups), which are chromedriver's window handles. */
  @SuppressWarnings("unchecked")
  private List<String> browserPages() {
    var targets = (List<Map<String, Object>>) browserCommand("Target.getTargets", Map.of()).join().get("targetInfos");
    return targets.stream().filter(t -> "page".equals(t.get("type"))).map(t -> (String) t.get("targetId")).toList();
  }

  /** The value of {@code expression} evaluated in the current page. */
  private Object evaluate(String expression) {
    @SuppressWarnings("unchecked")
    var result = (Map<String, Object>) command("Runtime.evaluate",
        Map.of("expression", expression, "returnByValue", true)).get("result");
    return result == null ? null : result.get("value");
  }

  /** The reset of an endpoint without a DevTools connection: the same steps through chromedriver. */
  private void resetThroughTheDriver() {
    emulated = null;
    Set<String> oldWindows = driver.getWindowHandles();
    String fresh = driver.switchTo().newWindow(WindowType.TAB).getWindowHandle();
    driver.switchTo().window(fresh);
    oldWindows.forEach(this::closeThroughTheDriver);
    PageClosing.await(oldWindows, driver::getWindowHandles, this::closeThroughTheDriver);
    cdp.executeCdpCommand("Network.clearBrowserCookies", Map.of());
    for (String origin : network.takeOrigins()) {
      cdp.executeCdpCommand("Storage.clearDataForOrigin", Map.of("origin", origin, "storageTypes", "all"));
    }
    cdp.executeCdpCommand("Browser.resetPermissions", Map.of());
  }

  private void closeThroughTheDriver(String window) {
    try {
      cdp.executeCdpCommand("Target.closeTarget", Map.of("targetId", window));
    } catch (WebDriverException alreadyGone) {
      log.debug("closing window {} at reset: {}", window, alreadyGone.getMessage());
    }
  }

  /** Closes a tab of the finished job; one that closed itself meanwhile is fine. */
  private CompletableFuture<Map<String, Object>> closeTab(String targetId) {
    return browserCommand("Target.closeTarget", Map.of("targetId", targetId)).exceptionally(alreadyGone -> {
      log.debug("closing window {} at reset: {}", targetId, alreadyGone.getMessage());
      return Map.of();
    });
  }

  /**
   * Waits for the current document's load event: one CDP evaluation whose promise settles at load,
   * in slices, so that a page that breaks its own event listeners is still seen by its readyState.
   * A navigation during the wait replaces the document; the wait then starts over on the new one.
   */
  private void awaitLoadEvent(long deadline, Duration timeout) {
    String loaded = "document.readyState === 'complete' || new Promise(loaded => {"
        + " addEventListener('load', () => loaded(true), {once: true}); setTimeout(() => loaded(false), 500); })";
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new org.openqa.selenium.TimeoutException(
            "the page did not reach load within " + timeout.toMillis() + " ms");
      }
      try {
        Map<String, Object> evaluated = cdpConnection.sendAndWait(devTools.getCdpSession(),
            new Command<Map<String, Object>>("Runtime.evaluate",
                Map.of("expression", loaded, "awaitPromise", true, "returnByValue", true), Json.MAP_TYPE),
            Duration.ofNanos(left));
        @SuppressWarnings("unchecked")
        var result = (Map<String, Object>) evaluated.get("result");
        if (result != null && Boolean.TRUE.equals(result.get("value"))) {
          return;
        }
      } catch (org.openqa.selenium.TimeoutException e) {
        throw new org.openqa.selenium.TimeoutException(
            "the page did not reach load within " + timeout.toMillis() + " ms");
      } catch (WebDriverException contextGone) {
        // The page navigated while it was being asked: watch the new one through chromedriver,
        // which follows navigations.
        PageWaits.awaitLoad(driver, deadline, timeout);
        return;
      }
      if (Thread.currentThread().isInterrupted()) {
        throw new SessionInterruptedException("interrupted while waiting for load");
      }
    }
  }

  /** A CDP command to the current tab: over the DevTools connection when there is one. */
  private Map<String, Object> command(String method, Map<String, Object> params) {
    if (!onTab()) {
      return cdp.executeCdpCommand(method, params);
    }
    return devTools.send(new Command<Map<String, Object>>(method, params, Json.MAP_TYPE));
  }

  /** A CDP command to the browser itself (not a tab), answered asynchronously. */
  private CompletableFuture<Map<String, Object>> browserCommand(String method, Map<String, Object> params) {
    return send(null, method, params);
  }

  /** A CDP command to the current tab, answered asynchronously. */
  private CompletableFuture<Map<String, Object>> tabCommand(String method, Map<String, Object> params) {
    return send(devTools.getCdpSession(), method, params);
  }

  private CompletableFuture<Map<String, Object>> send(
      org.openqa.selenium.devtools.idealized.target.model.SessionID session, String method, Map<String, Object> params) {
    return cdpConnection.send(session, new Command<Map<String, Object>>(method, params, Json.MAP_TYPE))
        .exceptionallyCompose(e -> CompletableFuture.failedFuture(
            new WebDriverException(method + " failed: " + ChromiumDriverFactory.firstLine(e.getMessage()), e)));
  }

  private static void awaitAll(List<CompletableFuture<Map<String, Object>>> commands, String what) {
    try {
      CompletableFuture.allOf(commands.toArray(CompletableFuture[]::new))
          .get(SessionPool.RESET_LIMIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SessionInterruptedException("interrupted while " + what);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new WebDriverException(what + " failed: " + e.getMessage(), e);
    }
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
    if (proxy != null) {
      proxy.close();
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
      if (proxy != null) {
        proxy.close();
      }
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

  private void frameNavigated(Map<String, Object> event) {
    String url = CdpEvents.string(event, "frame", "url");
    if (url == null) {
      return;
    }
    NetworkActivity.originOf(url).ifPresent(documentOrigins::add);
    CompletableFuture<Void> blank = blankCommitted;
    if (blank != null && url.equals("about:blank") && CdpEvents.string(event, "frame", "parentId") == null) {
      blank.complete(null);
    }
  }

  /**
   * The CDP domains of the browser's version, which DevTools needs to attach to a page, or when
   * Selenium bundles none for it (it bundles the three newest), those of the nearest version it
   * has. The session needs no more of them than attaching to targets, which has not changed in
   * years; every other command it sends by name. (Not Selenium's CdpVersionFinder, which warns
   * about the mismatch at every session start: this says it once, at INFO.)
   */
  static CdpInfo domainsOf(WebDriver driver) {
    return nearestDomains(((HasCapabilities) driver).getCapabilities().getBrowserVersion());
  }

  static CdpInfo nearestDomains(String browserVersion) {
    int major;
    try {
      major = Integer.parseInt(browserVersion.split("\\.", 2)[0]);
    } catch (RuntimeException e) {
      throw new IllegalStateException("not a Chromium version: " + browserVersion, e);
    }
    CdpInfo nearest = java.util.ServiceLoader.load(CdpInfo.class).stream()
        .map(java.util.ServiceLoader.Provider::get)
        .min(java.util.Comparator.comparingInt((CdpInfo info) -> Math.abs(info.getMajorVersion() - major))
            .thenComparing(java.util.Comparator.comparingInt(CdpInfo::getMajorVersion).reversed()))
        .orElseThrow(() -> new IllegalStateException("Selenium has no CDP support at all on the class path"));
    // A fallback that works (see CdpDomainsTest) is nothing for an operator to act on: INFO.
    if (nearest.getMajorVersion() != major && UNMATCHED_VERSIONS_LOGGED.add(major)) {
      log.info("Selenium bundles no CDP domains for Chromium {}; using those of CDP {} to attach to pages",
          major, nearest.getMajorVersion());
    }
    return nearest;
  }

  /** A DevTools connection to the browser of {@code driver}, if its endpoint offers one. */
  static Optional<Connection> openCdpConnection(WebDriver driver) {
    return SeleniumCdpConnection.create(driver);
  }

  private void attachDevTools(String window) {
    devTools.createSession(window);
    navigationErrors.follow(window);
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

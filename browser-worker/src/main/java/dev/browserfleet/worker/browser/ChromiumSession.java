package dev.browserfleet.worker.browser;

import dev.browserfleet.contracts.Engine;
import dev.browserfleet.contracts.WaitUntil;
import dev.browserfleet.contracts.action.BrowserStorage;
import dev.browserfleet.worker.engine.DeviceProfile;
import dev.browserfleet.worker.engine.HistoryStep;
import dev.browserfleet.worker.engine.ImageFormat;
import dev.browserfleet.worker.guard.ChromiumGuard;
import dev.browserfleet.worker.guard.NavigationGuard;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.devtools.Connection;
import org.openqa.selenium.devtools.DevTools;
import org.openqa.selenium.devtools.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Chromium session. Navigation and element commands go through chromedriver; everything else
 * (emulation, screenshots, the load wait, the reset) goes straight to the browser as CDP commands
 * on the session's own DevTools connection ({@link CdpTab}). Network idleness is read from CDP
 * {@code Network} events; URL and address enforcement (document requests vetted before they
 * leave, a local browser's requests all through an address-only proxy) is the session's {@link
 * ChromiumGuard}'s. Its rooms: this class navigates and waits; {@link ChromiumReset}
 * readies the browser for the next job.
 */
final class ChromiumSession implements DriverSession {

  private static final Logger log = LoggerFactory.getLogger(ChromiumSession.class);

  private final WebDriver driver;
  private final CdpTab cdpTab;
  private final ChromiumReset resets;
  private final ChromiumGuard guard;
  private final LocalBrowserProcesses local;
  private final NetworkActivity network = new NetworkActivity();
  private final DialogAnswers dialogs;
  private final NavigationErrors navigationErrors = new NavigationErrors();
  private final AtomicBoolean closed = new AtomicBoolean();
  /** What the current tab emulates, so that a job on the same tab does not pay for it twice. */
  private DeviceProfile emulated;
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
    this(driver, cdpConnection, local, ChromiumGuard.remote());
  }

  /** @param guard the enforcement of the job's URL guard on this browser, which this session then owns */
  ChromiumSession(WebDriver driver, Connection cdpConnection, LocalBrowserProcesses local, ChromiumGuard guard) {
    this.guard = guard;
    if (!(driver instanceof HasCdp hasCdp)) {
      throw new IllegalArgumentException("a Chromium session needs a driver that speaks CDP");
    }
    this.driver = driver;
    this.cdpTab = new CdpTab(driver, hasCdp, cdpConnection, navigationErrors::follow);
    this.resets = new ChromiumReset(driver, cdpTab, network);
    this.dialogs = driver instanceof DialogAwareChromeDriver aware ? aware.dialogs() : new DialogAnswers();
    ChromiumDialogs dialogAnswers = new ChromiumDialogs(cdpTab, dialogs);
    DevTools devTools = cdpTab.devTools();
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
      guard.install(cdpConnection, cdpTab::session, network::documentRequested);
      devTools.addListener(new Event<>("Fetch.requestPaused", NetworkActivity::readRequest),
          request -> guard.vet(request[0], request[1], request[2]));
      devTools.addListener(new Event<>("Page.javascriptDialogOpening", CdpEvents::params), dialogAnswers::answer);
      devTools.addListener(new Event<>("Page.frameNavigated", CdpEvents::params), resets::frameNavigated);
      cdpTab.attachToCurrent();
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
  public DialogAnswers dialogs() {
    return dialogs;
  }

  @Override
  public int jobsBegun() {
    return jobsBegun;
  }

  @Override
  public void beginJob(DeviceProfile profile, NavigationGuard jobGuard) {
    jobsBegun++;
    guard.beginJob(jobGuard);
    dialogs.newJob();
    if (profile.equals(emulated)) {
      return;
    }
    cdpTab.emulate(profile);
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
    NavigationGuard jobGuard = guard.jobGuard();
    if (!cdpTab.hasDevTools() && jobGuard != NavigationGuard.ALLOW_ALL) {
      // No DevTools connection to vet requests with: the windows are checked after the fact.
      return OpenWindows.closeDenied(driver, jobGuard);
    }
    return guard.takeBlockedNavigation();
  }

  @Override
  public void awaitNetworkIdle(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    if (cdpTab.onTab()) {
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
    guard.newNavigation();
    // The session's page load strategy is "eager": get() returns at DOMContentLoaded.
    try {
      driver.get(url);
    } catch (WebDriverException e) {
      throw guard.failedNavigation(url).map(why -> (RuntimeException) why).orElse(e);
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
    Optional<WebDriverException> unreached = guard.unreached(url, driver::getCurrentUrl);
    if (unreached.isPresent()) {
      throw unreached.get();
    }
  }

  /** As a navigation the page started; an origin the guard proxy could not reach fails it, as in {@link #open}. */
  @Override
  public void traverse(HistoryStep step, WaitUntil waitUntil, Duration timeout) {
    guard.newNavigation();
    DriverSession.super.traverse(step, waitUntil, timeout);
    throwIfUnreached(currentUrl());
  }

  @Override
  public void awaitPage(WaitUntil waitUntil, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    if (waitUntil == WaitUntil.LOAD || waitUntil == WaitUntil.NETWORK_IDLE) {
      if (cdpTab.onTab()) {
        cdpTab.awaitLoadEvent(deadline, timeout);
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
    if (!cdpTab.onTab()) {
      ErrorPages.throwIfShown(driver, asked);
      return;
    }
    Map<String, Object> tree = command("Page.getFrameTree", Map.of());
    navigationErrors.throwIfFailed(asked, CdpEvents.string(tree, "frameTree", "frame", "unreachableUrl"),
        CdpEvents.string(tree, "frameTree", "frame", "loaderId"), CdpEvents.string(tree, "frameTree", "frame", "url"));
  }

  @Override
  public String currentUrl() {
    return cdpTab.url();
  }

  @Override
  public String title() {
    return cdpTab.title();
  }

  @Override
  public byte[] screenshot(boolean fullPage, ImageFormat format, Integer quality) {
    return cdpTab.screenshot(fullPage, format, quality);
  }

  /**
   * Chromedriver follows the window; the DevTools session is the tab's, so while another window is
   * the job's, CDP commands go through chromedriver, and waits are those of a session without CDP.
   */
  @Override
  public void switchToWindow(String window) {
    cdpTab.switchToWindow(window);
  }

  @Override
  public void reset() {
    dialogs.newJob(); // a dialog the reset meets is accepted, and is no job's
    cdpTab.backToTab();
    // A job that prepared storage but never opened its target (it failed in between) must not
    // leave the seeding script on a tab that the next job keeps.
    removeStorageScript();
    if (!cdpTab.hasDevTools()) {
      resets.throughTheDriver();
      emulated = null;
    } else if (!resets.throughDevTools(emulated != null)) {
      emulated = null; // a new tab emulates nothing yet
    }
    network.newPage();
    guard.endJob();
  }

  private Map<String, Object> command(String method, Map<String, Object> params) {
    return cdpTab.command(method, params);
  }

  @Override
  public boolean isAlive() {
    return !closed.get() && DriverSession.answers(driver);
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    List<ProcessHandle> processes = local == null ? List.of() : local.processes();
    cdpTab.closeConnection();
    try {
      driver.quit();
    } catch (WebDriverException e) {
      log.debug("quitting a Chromium session failed: {}", e.getMessage());
    }
    guard.close();
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
      cdpTab.closeConnection();
      local.kill();
      local.cleanUp(processes, Duration.ofSeconds(2));
      guard.close();
      // Selenium's quit now only tidies its client, but it spends seconds failing to reach the
      // killed driver: off this thread, which must get on with the next job.
      Thread.ofPlatform().daemon().name("bf-aborted-quit").start(this::quitQuietly);
    } else {
      // A remote browser cannot be killed from here; ask its endpoint to end it, off this thread.
      cdpTab.closeConnection();
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

  /** How many popups have their documents vetted now (for tests). */
  int guardedPopups() {
    return guard.guardedPopups();
  }
}

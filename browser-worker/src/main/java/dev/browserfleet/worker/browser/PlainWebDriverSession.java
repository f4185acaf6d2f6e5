package dev.browserfleet.worker.browser;

import dev.browserfleet.contracts.Engine;
import dev.browserfleet.contracts.WaitUntil;
import dev.browserfleet.contracts.action.BrowserStorage;
import dev.browserfleet.worker.engine.DeviceProfile;
import dev.browserfleet.worker.engine.HistoryStep;
import dev.browserfleet.worker.engine.ImageFormat;
import dev.browserfleet.worker.engine.UnsupportedActionException;
import dev.browserfleet.worker.guard.NavigationGuard;
import dev.browserfleet.worker.guard.WebDriverGuard;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.MutableCapabilities;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session through plain W3C WebDriver, for WebKit and Firefox, local or remote: no CDP, so
 * network idleness comes from resource timing; a local WebKit's http and https documents,
 * redirect hops included, are checked before they are requested by the proxy of its {@link
 * WebDriverGuard}, and other browsers' after the fact: the page a navigation lands on, and the windows after each
 * action (popups on denied URLs are closed); a phone is emulated by its viewport only. A reset
 * starts a new browser in the warm driver (about half a second), since WebDriver alone cannot
 * clear another origin's cookies and storage. Dialogs are answered when the next command finds
 * one open ({@link DialogAwareRemoteDriver}).
 */
final class PlainWebDriverSession implements DriverSession {

  private static final Logger log = LoggerFactory.getLogger(PlainWebDriverSession.class);

  private final Engine engine;
  private final URL endpoint;
  private final MutableCapabilities capabilities;
  private final LocalBrowserProcesses driverProcesses;
  private final ProcessHandle display;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile DialogAwareRemoteDriver driver;
  private volatile int jobsBegun;
  private final WebDriverGuard guard;
  private final DialogAnswers dialogs = new DialogAnswers();
  /** Whether the driver leaves dialogs to the session (WebKit's), or accepts them itself (a remote Firefox's). */
  private final boolean answersDialogs;

  /**
   * @param driverProcesses the local driver's processes and temp root, or {@code null} for a remote endpoint
   * @param display the Xvfb process of a local WebKit, or {@code null}
   * @param guard the enforcement of the job's URL guard on this browser, which this session then
   *     owns: for a local browser, with the proxy it was configured to send its requests to
   */
  PlainWebDriverSession(Engine engine, URL endpoint, MutableCapabilities capabilities,
      LocalBrowserProcesses driverProcesses, ProcessHandle display, WebDriverGuard guard) {
    this.engine = engine;
    this.endpoint = endpoint;
    this.driverProcesses = driverProcesses;
    this.display = display;
    this.guard = guard;
    this.capabilities = capabilities;
    this.answersDialogs = "ignore".equals(capabilities.getCapability("unhandledPromptBehavior"));
    this.driver = new DialogAwareRemoteDriver(endpoint, capabilities, dialogs);
  }

  /**
   * WebKitWebDriver's other buttons are not what a user's are: its middle button clicks as the left
   * one, and its right button fires a left click after the context menu.
   */
  @Override
  public void checkMouseButton(String button) {
    if (engine == Engine.WEBKIT && !"left".equals(button)) {
      throw new UnsupportedActionException("a " + button + "-button click is not supported on webkit: its driver "
          + ("middle".equals(button) ? "presses the left button instead" : "fires a left click after the context menu"));
    }
  }

  @Override
  public Engine engine() {
    return engine;
  }

  @Override
  public DialogAnswers dialogs() {
    return dialogs;
  }

  /** A driver that accepts dialogs itself (capability "accept") answers them so whatever the job asks. */
  @Override
  public void answerDialogs(DialogAnswers.Answer answer) {
    if (!answersDialogs) {
      throw new UnsupportedActionException("dialogs are accepted by the " + engine.wireName()
          + " endpoint's driver itself; answering them otherwise is not supported there");
    }
    dialogs.answerWith(answer);
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
  public void beginJob(DeviceProfile profile, NavigationGuard jobGuard) {
    jobsBegun++;
    guard.beginJob(jobGuard);
    dialogs.newJob();
    // The window's outer size includes no chrome in MiniBrowser's automation mode; correct once if it does.
    driver.manage().window().setSize(new Dimension(profile.width(), profile.height()));
    @SuppressWarnings("unchecked")
    List<Number> inner = (List<Number>) ((JavascriptExecutor) driver).executeScript("return [innerWidth, innerHeight]");
    int dw = profile.width() - inner.get(0).intValue();
    int dh = profile.height() - inner.get(1).intValue();
    if (dw != 0 || dh != 0) {
      driver.manage().window().setSize(new Dimension(profile.width() + dw, profile.height() + dh));
    }
  }

  /** Without CDP, the origin is visited first (that request goes without the cookies), then the state is set. */
  @Override
  public void prepareStorage(String targetUrl, BrowserStorage storage) {
    driver.get(BrowserStorageScripts.originOf(targetUrl) + "/");
    BrowserStorageScripts.webDriverCookies(targetUrl, storage).forEach(driver.manage()::addCookie);
    ((JavascriptExecutor) driver).executeScript(BrowserStorageScripts.seedStorage(targetUrl, storage));
  }

  /**
   * A document the guard's proxy refused; otherwise, after the fact, a window on a
   * denied URL, which a popup is closed for (see {@link OpenWindows}).
   */
  @Override
  public Optional<String> takeBlockedNavigation() {
    NavigationGuard jobGuard = guard.jobGuard();
    if (jobGuard == NavigationGuard.ALLOW_ALL) {
      return Optional.empty();
    }
    Optional<String> refused = guard.takeBlockedNavigation();
    Optional<String> afterTheFact = OpenWindows.closeDenied(driver, jobGuard);
    return refused.or(() -> afterTheFact);
  }

  @Override
  public void open(String url, WaitUntil waitUntil, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    driver.manage().timeouts().pageLoadTimeout(timeout);
    guard.newNavigation();
    driver.get(url);
    String landed = driver.getCurrentUrl();
    guard.unreached(landed).ifPresent(unreached -> {
      throw unreached;
    });
    if ("about:blank".equals(landed) && !url.startsWith("about:")) {
      // What WebKit does, without an error, with a response that has no page to show (204, a
      // download) or a URL it will not load; Chromium names such a navigation ERR_ABORTED.
      throw new WebDriverException("net::ERR_ABORTED at " + url + ": the browser did not load it and stayed on about:blank"
          + " (no content, a download, or a URL it will not load)");
    }
    awaitPage(waitUntil, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
  }

  /** As a navigation the page started; an origin the guard proxy could not reach fails it, as in {@link #open}. */
  @Override
  public void traverse(HistoryStep step, WaitUntil waitUntil, Duration timeout) {
    guard.newNavigation();
    DriverSession.super.traverse(step, waitUntil, timeout);
    guard.unreached(driver.getCurrentUrl()).ifPresent(unreached -> {
      throw unreached;
    });
  }

  @Override
  public void awaitPage(WaitUntil waitUntil, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    if (waitUntil == WaitUntil.LOAD || waitUntil == WaitUntil.NETWORK_IDLE) {
      PageWaits.awaitLoad(driver, deadline, timeout);
    }
    if (waitUntil == WaitUntil.NETWORK_IDLE) {
      PageWaits.awaitResourceTimingQuiet(driver, deadline, timeout);
    }
    if (answersDialogs) {
      driver.noteDialogTypes();
    }
  }

  @Override
  public void awaitNetworkIdle(Duration timeout) {
    PageWaits.awaitResourceTimingQuiet(driver, System.nanoTime() + timeout.toNanos(), timeout);
  }

  // Resolves once the page's images are decoded and two frames have been drawn, or after a second
  // (a lazy image out of view may never decode); a broken image counts as settled.
  private static final String SETTLE_IMAGES = """
      const done = arguments[arguments.length - 1];
      const decoded = Array.from(document.images, image => image.decode ? image.decode().catch(() => null) : null);
      const drawn = Promise.all(decoded)
          .then(() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      Promise.race([drawn, new Promise(resolve => setTimeout(resolve, 1000))]).then(() => done(true));
      """;

  /**
   * The page as it looks once its images are on it. WebKit's load event can come before a loaded
   * image is decoded and painted: a screenshot right after it once showed the image's place blank
   * (in CI, {@code JobRunnerWebKitTest.imagesAreLoadedAndShownInScreenshots}).
   */
  @Override
  public byte[] screenshot(boolean fullPage, ImageFormat format, Integer quality) {
    try {
      ((JavascriptExecutor) driver).executeAsyncScript(SETTLE_IMAGES);
    } catch (WebDriverException e) {
      log.debug("waiting for the page's images before a screenshot failed: {}", e.getMessage());
    }
    byte[] png = fullPage
        ? driver.findElement(By.tagName("html")).getScreenshotAs(OutputType.BYTES)
        : driver.getScreenshotAs(OutputType.BYTES);
    return format == ImageFormat.PNG ? png : PageOutput.toJpeg(png, quality);
  }

  @Override
  public void reset() {
    dialogs.newJob();
    RemoteWebDriver old = driver;
    old.quit();
    driver = new DialogAwareRemoteDriver(endpoint, capabilities, dialogs);
    guard.endJob();
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
    try {
      driver.quit();
    } catch (WebDriverException e) {
      log.debug("quitting a {} session failed: {}", engine.wireName(), e.getMessage());
    }
    stopLocalProcesses();
  }

  @Override
  public void abort() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (driverProcesses == null) {
      // A remote browser cannot be killed from here; ask its endpoint to end it, off this thread.
      Thread.ofPlatform().daemon().name("bf-remote-quit").start(() -> {
        try {
          driver.quit();
        } catch (RuntimeException e) {
          log.debug("quitting an aborted session failed: {}", e.getMessage());
        }
      });
    }
    stopLocalProcesses();
  }

  /** The driver (a server that outlives its sessions), its browsers, its temp root, then the display and the proxy. */
  private void stopLocalProcesses() {
    guard.close();
    if (driverProcesses != null) {
      List<ProcessHandle> processes = driverProcesses.processes();
      driverProcesses.kill();
      driverProcesses.cleanUp(processes, Duration.ofSeconds(3));
    }
    if (display != null) {
      display.destroy();
      try {
        display.onExit().get(3, TimeUnit.SECONDS);
      } catch (Exception e) {
        display.destroyForcibly();
      }
    }
  }
}

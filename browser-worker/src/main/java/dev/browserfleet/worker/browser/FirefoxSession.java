package dev.browserfleet.worker.browser;

import dev.browserfleet.contracts.Engine;
import dev.browserfleet.contracts.WaitUntil;
import dev.browserfleet.contracts.action.BrowserStorage;
import dev.browserfleet.contracts.action.Pdf;
import dev.browserfleet.worker.engine.DeviceProfile;
import dev.browserfleet.worker.engine.HistoryStep;
import dev.browserfleet.worker.engine.ImageFormat;
import dev.browserfleet.worker.guard.FirefoxGuard;
import dev.browserfleet.worker.guard.NavigationGuard;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.print.PrintOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Firefox driven over WebDriver BiDi alone, kept warm between jobs: one this worker started, or
 * a remote one ({@link FirefoxBrowser}). Each job gets a fresh
 * user context (its own cookies, storage and cache) with one tab in it; the reset removes the user
 * context with everything the job opened, and makes the next one. Every document request,
 * redirect hops, frames and popups included, is held by a network intercept until the session's
 * {@link FirefoxGuard} has vetted it, and every connection the browser makes goes through its
 * proxy where the browser can reach it. Dialogs are answered as they open ({@link FirefoxDialogs}).
 */
final class FirefoxSession implements DriverSession {

  private static final Logger log = LoggerFactory.getLogger(FirefoxSession.class);

  private final FirefoxBrowser browser;
  private final UserContexts contexts;
  private final FirefoxGuard guard;
  private final BiDiChannel channel;
  private final BiDiDriver driver;
  private final NetworkActivity network = new NetworkActivity();
  private final DialogAnswers dialogs = new DialogAnswers();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile String userContext;
  private volatile String tab;
  private volatile int jobsBegun;
  private String storageScript;
  private final Set<String> unsupportedLogged = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * Takes over {@code browser}, {@code channel}, whose BiDi session has been made, and {@code
   * guard}, whose proxy the browser sends its requests to.
   */
  FirefoxSession(FirefoxBrowser browser, BiDiChannel channel, FirefoxGuard guard) {
    this.browser = browser;
    this.guard = guard;
    this.channel = channel;
    this.contexts = new UserContexts(channel, browser.userContextParams(guard));
    this.driver = new BiDiDriver(channel, () -> tab);
    channel.on("network.beforeRequestSent", this::requestSent);
    channel.on("network.responseCompleted", this::requestEnded);
    channel.on("network.fetchError", this::requestEnded);
    channel.on("browsingContext.userPromptOpened", opened -> FirefoxDialogs.answer(channel, dialogs, opened));
    channel.subscribe(List.of("network.beforeRequestSent", "network.responseCompleted", "network.fetchError",
        "browsingContext.userPromptOpened"));
    channel.send("network.addIntercept", FirefoxGuard.intercept());
    newUserContext();
  }

  @Override
  public Engine engine() {
    return Engine.FIREFOX;
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
    channel.send("browsingContext.setViewport", Map.of("context", tab,
        "viewport", Map.of("width", profile.width(), "height", profile.height()),
        "devicePixelRatio", profile.deviceScaleFactor()));
    // Each job has a user context of its own, so a desktop job after a mobile one needs no undoing.
    if (profile.userAgent() != null) {
      emulate("emulation.setUserAgentOverride", Map.of("userAgent", profile.userAgent(), "userContexts", List.of(userContext)),
          "a user agent");
    }
    if (profile.mobile()) {
      emulate("emulation.setTouchOverride", Map.of("maxTouchPoints", 5, "userContexts", List.of(userContext)), "touch");
    }
  }

  /**
   * An emulation command of the newer BiDi modules, which an older Firefox may not have: then
   * logged once, and the job runs with the browser's own value.
   */
  private void emulate(String method, Map<String, Object> params, String what) {
    try {
      channel.send(method, params);
    } catch (WebDriverException e) {
      if (unsupportedLogged.add(method)) {
        log.info("this Firefox cannot emulate {} over WebDriver BiDi ({}); jobs get its own", what,
            BiDiValues.error(e).map(m -> m.get("error") + ": " + m.get("message"))
                .orElseGet(() -> ChromiumDriverFactory.firstLine(e.getMessage())));
      }
    }
  }

  /** Cookies go into the job's user context before any request; storage items come from a preload script. */
  @Override
  public void prepareStorage(String targetUrl, BrowserStorage storage) {
    String host = java.net.URI.create(targetUrl).getHost();
    for (BrowserStorage.Cookie cookie : storage.cookies()) {
      var c = new HashMap<String, Object>();
      c.put("name", cookie.name());
      c.put("value", Map.of("type", "string", "value", cookie.value()));
      c.put("domain", cookie.domain() == null ? host : cookie.domain());
      c.put("path", cookie.path() == null ? "/" : cookie.path());
      if (cookie.secure() != null) {
        c.put("secure", cookie.secure());
      }
      if (cookie.httpOnly() != null) {
        c.put("httpOnly", cookie.httpOnly());
      }
      if (cookie.sameSite() != null) {
        c.put("sameSite", cookie.sameSite().toLowerCase(java.util.Locale.ROOT));
      }
      if (cookie.expires() != null) {
        c.put("expiry", cookie.expires());
      }
      channel.send("storage.setCookie", Map.of("cookie", c, "partition", Map.of("type", "storageKey", "userContext", userContext)));
    }
    if (!storage.localStorage().isEmpty() || !storage.sessionStorage().isEmpty()) {
      Map<String, Object> added = channel.send("script.addPreloadScript", Map.of(
          "functionDeclaration", "() => { " + BrowserStorageScripts.seedStorage(targetUrl, storage) + " }",
          "userContexts", List.of(userContext)));
      storageScript = (String) added.get("script");
    }
  }

  @Override
  public Optional<String> takeBlockedNavigation() {
    return guard.takeBlockedNavigation();
  }

  @Override
  public void open(String url, WaitUntil waitUntil, Duration timeout) {
    try {
      load(url, waitUntil, timeout);
    } finally {
      if (storageScript != null) {
        String script = storageScript;
        storageScript = null;
        channel.send("script.removePreloadScript", Map.of("script", script));
      }
    }
  }

  private void load(String url, WaitUntil waitUntil, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    network.newPage();
    driver.toTop();
    guard.newNavigation();
    String wait = waitUntil == WaitUntil.DOM_CONTENT_LOADED ? "interactive" : "complete";
    try {
      channel.send("browsingContext.navigate", Map.of("context", driver.top(), "url", url, "wait", wait), timeout);
    } catch (TimeoutException e) {
      throw new TimeoutException("the page did not reach " + waitUntil.wireName() + " within " + timeout.toMillis() + " ms");
    } catch (WebDriverException e) {
      throw guard.failedNavigation(url).map(RuntimeException.class::cast)
          .orElseGet(() -> FirefoxNavigationErrors.describe(url, e));
    }
    Optional<WebDriverException> unreached = guard.unreached(url, this::currentUrl);
    if (unreached.isPresent()) {
      throw unreached.get();
    }
    if (waitUntil == WaitUntil.NETWORK_IDLE) {
      awaitNetworkIdle(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
    }
  }

  /** As a navigation the page started; an origin the guard proxy could not reach fails it, as in {@link #open}. */
  @Override
  public void traverse(HistoryStep step, WaitUntil waitUntil, Duration timeout) {
    guard.newNavigation();
    DriverSession.super.traverse(step, waitUntil, timeout);
    guard.unreached(this::currentUrl).ifPresent(unreached -> {
      throw unreached;
    });
  }

  @Override
  public void awaitPage(WaitUntil waitUntil, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    if (waitUntil == WaitUntil.LOAD || waitUntil == WaitUntil.NETWORK_IDLE) {
      // The page may be between documents: a script then fails, and is asked again.
      PageWaits.await(() -> "complete".equals(readyState()), deadline, timeout, "load");
    }
    if (waitUntil == WaitUntil.NETWORK_IDLE) {
      awaitNetworkIdle(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
    }
  }

  private Object readyState() {
    try {
      return driver.call(driver.top(), "function() { return document.readyState; }", List.of(), false, Duration.ofSeconds(5));
    } catch (WebDriverException navigating) {
      return null;
    }
  }

  @Override
  public void awaitNetworkIdle(Duration timeout) {
    PageWaits.await(() -> network.isIdleFor(PageWaits.NETWORK_QUIET.toNanos()), System.nanoTime() + timeout.toNanos(),
        timeout, "networkidle");
  }

  @Override
  public String currentUrl() {
    return driver.getCurrentUrl();
  }

  @Override
  public String title() {
    return driver.getTitle();
  }

  @Override
  public byte[] screenshot(boolean fullPage, ImageFormat format, Integer quality) {
    var params = new HashMap<String, Object>();
    params.put("context", driver.top());
    params.put("origin", fullPage ? "document" : "viewport");
    params.put("format", format == ImageFormat.JPEG && quality != null
        ? Map.of("type", format.mimeType(), "quality", quality / 100.0) : Map.of("type", format.mimeType()));
    Map<String, Object> shot = channel.send("browsingContext.captureScreenshot", params);
    return Base64.getDecoder().decode((String) shot.get("data"));
  }

  @Override
  public byte[] pdf(Pdf pdf) {
    PrintOptions options = PageOutput.printOptions(pdf);
    var params = new HashMap<String, Object>();
    params.put("context", driver.top());
    params.put("background", options.getBackground());
    params.put("orientation", options.getOrientation() == PrintOptions.Orientation.LANDSCAPE ? "landscape" : "portrait");
    params.put("page", Map.of("width", options.getPageSize().getWidth(), "height", options.getPageSize().getHeight()));
    params.put("margin", Map.of("top", options.getPageMargin().getTop(), "bottom", options.getPageMargin().getBottom(),
        "left", options.getPageMargin().getLeft(), "right", options.getPageMargin().getRight()));
    params.put("scale", options.getScale());
    params.put("shrinkToFit", true);
    Map<String, Object> printed = channel.send("browsingContext.print", params);
    return Base64.getDecoder().decode((String) printed.get("data"));
  }

  /**
   * Removes the job's user context, which closes its windows and drops its cookies, storage,
   * cache and permissions, and makes the next job's.
   */
  @Override
  public void reset() {
    dialogs.newJob(); // a dialog the reset meets is accepted, and is no job's
    guard.endJob();
    if (storageScript != null) {
      channel.send("script.removePreloadScript", Map.of("script", storageScript));
      storageScript = null;
    }
    String finished = userContext;
    newUserContext();
    contexts.remove(finished, SessionPool.RESET_LIMIT);
    network.newPage();
    network.takeOrigins();
  }

  private void newUserContext() {
    UserContexts.Made made = contexts.create();
    userContext = made.userContext();
    tab = made.tab();
    driver.toTop();
  }

  @Override
  public boolean isAlive() {
    if (closed.get() || !browser.mayBeRunning()) {
      return false;
    }
    try {
      channel.send("browsingContext.getTree", Map.of("root", tab, "maxDepth", 0), Duration.ofSeconds(5));
      return true;
    } catch (WebDriverException e) {
      return false;
    }
  }

  /** Ends the session as its browser wants it ended (see {@link FirefoxBrowser#close}). */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      browser.close(channel, contexts);
    } finally {
      guard.close();
    }
  }

  @Override
  public void abort() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      browser.abort(channel, contexts);
    } finally {
      guard.close();
    }
  }

  /**
   * Holds every document request until the guard has seen its URL; anything else goes on at
   * once. Answered without waiting: this runs on the connection's event thread.
   */
  @SuppressWarnings("unchecked")
  private void requestSent(Map<String, Object> event) {
    var request = (Map<String, Object>) event.get("request");
    String id = (String) request.get("request");
    String url = (String) request.get("url");
    network.requestStarted(BiDiEvents.sequenceOf(event, false), id, url);
    if (!Boolean.TRUE.equals(event.get("isBlocked"))) {
      return;
    }
    FirefoxGuard.Verdict verdict = guard.vet(event);
    if (verdict == FirefoxGuard.Verdict.DENIED_DOCUMENT) {
      network.requestEnded(BiDiEvents.sequenceOf(event, true), id);
    } else if (verdict == FirefoxGuard.Verdict.ALLOWED_DOCUMENT) {
      network.documentRequested(url);
    }
    boolean denied = verdict == FirefoxGuard.Verdict.DENIED_DOCUMENT;
    channel.sendAsync(denied ? "network.failRequest" : "network.continueRequest", Map.of("request", id))
        .exceptionally(gone -> {
          log.debug("answering the held request {} failed (its page may be gone): {}", url, gone.getMessage());
          return Map.of();
        });
  }

  @SuppressWarnings("unchecked")
  private void requestEnded(Map<String, Object> event) {
    var request = (Map<String, Object>) event.get("request");
    network.requestEnded(BiDiEvents.sequenceOf(event, true), (String) request.get("request"));
  }
}

package dev.browserfleet.worker.browser;

import dev.browserfleet.worker.engine.DeviceProfile;
import dev.browserfleet.worker.engine.ImageFormat;
import dev.browserfleet.worker.engine.SessionInterruptedException;
import dev.browserfleet.worker.guard.ChromiumGuard;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.devtools.Command;
import org.openqa.selenium.devtools.Connection;
import org.openqa.selenium.devtools.DevTools;
import org.openqa.selenium.devtools.idealized.target.model.SessionID;
import org.openqa.selenium.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job's tab of a Chromium session as CDP reaches it. While the job acts on its tab, commands go
 * over the session's own DevTools connection, attached to the tab: a round trip of well under a
 * millisecond where chromedriver takes several. While the job acts on another window, or when the
 * endpoint offers no DevTools connection, they go through chromedriver, which follows the window.
 * Commands to the browser itself (targets, permissions) go over the connection.
 */
final class CdpTab {

  private static final Logger log = LoggerFactory.getLogger(CdpTab.class);

  private final WebDriver driver;
  private final HasCdp cdp;
  private final Connection connection;
  private final DevTools devTools;
  private final Consumer<String> onAttach;
  /** The target id of the job's tab, which is also its chromedriver window handle. */
  private volatile String tab;
  /** A window of the job switched to, or null while it acts on its tab. */
  private volatile String window;

  /**
   * @param connection the DevTools connection to the browser, or null when its endpoint offers none
   * @param onAttach told the target id of each tab the connection attaches to
   */
  CdpTab(WebDriver driver, HasCdp cdp, Connection connection, Consumer<String> onAttach) {
    this.driver = driver;
    this.cdp = cdp;
    this.connection = connection;
    this.devTools = connection == null ? null : new DevTools(CdpDomains.of(driver)::getDomains, connection);
    this.onAttach = onAttach;
  }

  /** The session's DevTools, for its event listeners; null without a connection. */
  DevTools devTools() {
    return devTools;
  }

  boolean hasDevTools() {
    return devTools != null;
  }

  /** Whether commands go over the DevTools connection (the job acts on its tab). */
  boolean onTab() {
    return devTools != null && window == null;
  }

  String id() {
    return tab;
  }

  /** Attaches the connection to the tab chromedriver is on, which becomes the job's tab. */
  void attachToCurrent() {
    attach(driver.getWindowHandle());
  }

  private void attach(String targetId) {
    tab = targetId;
    devTools.createSession(targetId);
    onAttach.accept(targetId);
    devTools.send(new Command<Void>("Network.enable", Map.of()));
    devTools.send(new Command<Void>("Page.enable", Map.of()));
    // Every document request, redirect hops and frames included, pauses until the guard has seen
    // it; those of the windows the page opens too (see ChromiumGuard).
    devTools.send(ChromiumGuard.interceptDocuments());
  }

  /**
   * Chromedriver follows the window; the DevTools session is the tab's, so while another window is
   * the job's, CDP commands go through chromedriver, and waits are those of a session without CDP.
   */
  void switchToWindow(String target) {
    driver.switchTo().window(target);
    window = target.equals(tab) ? null : target;
  }

  /** Back on the job's tab (the window switched to may have closed, leaving chromedriver nowhere). */
  void backToTab() {
    if (window != null && tab != null) {
      window = null;
      driver.switchTo().window(tab);
    }
  }

  /** Replaces the job's tab, which may hold sessionStorage of several origins, by a new blank one. */
  void replace() {
    String old = tab;
    String fresh = (String) browserCommand("Target.createTarget", Map.of("url", "about:blank")).join().get("targetId");
    // Let go of the old tab while it still exists; detaching from a closed one fails noisily.
    // Closing it releases any request paused for the guard.
    devTools.disconnectSession();
    driver.switchTo().window(fresh);
    awaitAll(List.of(close(old)), "closing the job's tab");
    PageClosing.await(List.of(old), this::browserPages, this::close);
    attach(fresh);
  }

  /** A CDP command to the current page. */
  Map<String, Object> command(String method, Map<String, Object> params) {
    if (!onTab()) {
      return cdp.executeCdpCommand(method, params);
    }
    return devTools.send(new Command<Map<String, Object>>(method, params, Json.MAP_TYPE));
  }

  /** A CDP command through chromedriver, whatever the session has. */
  Map<String, Object> throughTheDriver(String method, Map<String, Object> params) {
    return cdp.executeCdpCommand(method, params);
  }

  /** A command of the DevTools session that needs no answer (answering a dialog, a paused request). */
  void send(Command<Void> command) {
    devTools.send(command);
  }

  SessionID session() {
    return devTools.getCdpSession();
  }

  /** A CDP command to the browser itself (not a tab), answered asynchronously. */
  CompletableFuture<Map<String, Object>> browserCommand(String method, Map<String, Object> params) {
    return send(null, method, params);
  }

  /** A CDP command to the job's tab, answered asynchronously. */
  CompletableFuture<Map<String, Object>> tabCommand(String method, Map<String, Object> params) {
    return send(devTools.getCdpSession(), method, params);
  }

  private CompletableFuture<Map<String, Object>> send(SessionID session, String method, Map<String, Object> params) {
    return connection.send(session, new Command<Map<String, Object>>(method, params, Json.MAP_TYPE))
        .exceptionallyCompose(e -> CompletableFuture.failedFuture(
            new WebDriverException(method + " failed: " + ChromiumDriverFactory.firstLine(e.getMessage()), e)));
  }

  /** The device the page is shown as: its viewport, pixel ratio, touch and user agent. */
  void emulate(DeviceProfile profile) {
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
  }

  String url() {
    if (!onTab()) {
      return driver.getCurrentUrl();
    }
    @SuppressWarnings("unchecked")
    var info = (Map<String, Object>) command("Target.getTargetInfo", Map.of()).get("targetInfo");
    return (String) info.get("url");
  }

  String title() {
    if (!onTab()) {
      return driver.getTitle();
    }
    Object title = evaluate("document.title");
    return title == null ? "" : String.valueOf(title);
  }

  /** The viewport, or the whole page ({@code fullPage}), as an image. */
  byte[] screenshot(boolean fullPage, ImageFormat format, Integer quality) {
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

  /** The value of {@code expression} evaluated in the current page. */
  Object evaluate(String expression) {
    @SuppressWarnings("unchecked")
    var result = (Map<String, Object>) command("Runtime.evaluate",
        Map.of("expression", expression, "returnByValue", true)).get("result");
    return result == null ? null : result.get("value");
  }

  /** The target ids of the browser's pages (tabs and popups), which are chromedriver's window handles. */
  @SuppressWarnings("unchecked")
  List<String> browserPages() {
    var targets = (List<Map<String, Object>>) browserCommand("Target.getTargets", Map.of()).join().get("targetInfos");
    return targets.stream().filter(t -> "page".equals(t.get("type"))).map(t -> (String) t.get("targetId")).toList();
  }

  /** Closes a page of the finished job; one that closed itself meanwhile is fine. */
  CompletableFuture<Map<String, Object>> close(String targetId) {
    return browserCommand("Target.closeTarget", Map.of("targetId", targetId)).exceptionally(alreadyGone -> {
      log.debug("closing window {} at reset: {}", targetId, alreadyGone.getMessage());
      return Map.of();
    });
  }

  /**
   * Waits for the current document's load event: one CDP evaluation whose promise settles at load,
   * in slices, so that a page that breaks its own event listeners is still seen by its readyState.
   * A navigation during the wait replaces the document; the wait then goes on through chromedriver.
   */
  void awaitLoadEvent(long deadline, Duration timeout) {
    String loaded = "document.readyState === 'complete' || new Promise(loaded => {"
        + " addEventListener('load', () => loaded(true), {once: true}); setTimeout(() => loaded(false), 500); })";
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new org.openqa.selenium.TimeoutException(
            "the page did not reach load within " + timeout.toMillis() + " ms");
      }
      try {
        Map<String, Object> evaluated = connection.sendAndWait(devTools.getCdpSession(),
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

  static void awaitAll(List<CompletableFuture<Map<String, Object>>> commands, String what) {
    try {
      CompletableFuture.allOf(commands.toArray(CompletableFuture[]::new))
          .get(SessionPool.RESET_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SessionInterruptedException("interrupted while " + what);
    } catch (ExecutionException | TimeoutException e) {
      throw new WebDriverException(what + " failed: " + e.getMessage(), e);
    }
  }

  /** Closes the DevTools connection; the driver's quit would wait for answers an aborted browser never gives. */
  void closeConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (RuntimeException e) {
        log.debug("closing a DevTools connection failed: {}", e.getMessage());
      }
    }
  }
}

package dev.browserfleet.worker.browser;

import dev.browserfleet.worker.engine.SessionInterruptedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WindowType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two ways a Chromium session is readied for the next job: over its DevTools connection, or,
 * on an endpoint without one, the same steps through chromedriver. Either way every window the job
 * opened is closed and cookies, the storage of every origin the job talked to (local storage,
 * IndexedDB, caches, service workers) and granted permissions are cleared.
 */
final class ChromiumReset {

  private static final Logger log = LoggerFactory.getLogger(ChromiumReset.class);

  /**
   * Every kind of storage a page can write (cookies are cleared for all origins at once). Not
   * "all", which adds the GPU shader cache and costs 15 to 150 ms per origin instead of 1 to 5.
   */
  private static final String WEB_STORAGE = "local_storage,indexeddb,cache_storage,service_workers,file_systems,"
      + "websql,shared_storage,storage_buckets,interest_groups";

  private final WebDriver driver;
  private final CdpTab tab;
  private final NetworkActivity network;
  /** The origins of the documents the job's tab committed (any frame), fed by Page.frameNavigated. */
  private final Set<String> documentOrigins = ConcurrentHashMap.newKeySet();
  /** Completed when the tab's main frame commits about:blank, while a reset waits for it. */
  private volatile CompletableFuture<Void> blankCommitted;

  ChromiumReset(WebDriver driver, CdpTab tab, NetworkActivity network) {
    this.driver = driver;
    this.tab = tab;
    this.network = network;
  }

  /** {@code Page.frameNavigated} of the job's tab. */
  void frameNavigated(Map<String, Object> event) {
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
   * Over the DevTools connection. When every document of the job had the origin of its last page
   * and {@code tabMayStay}: the page navigates itself to {@code about:blank}, which keeps that
   * origin, so that the blank document can clear the origin's sessionStorage and the window's
   * name; the history is reset. The renderer process stays, which is what makes this reset cheap.
   * Otherwise (several origins, whose sessionStorage no blank document can reach; a user agent
   * override, which a tab cannot take back) the job's tab is replaced by a new one.
   *
   * @return whether the tab stayed (with its emulation)
   */
  boolean throughDevTools(boolean tabMayStay) {
    List<String> others = tab.browserPages().stream().filter(page -> !page.equals(tab.id())).toList();
    if (!others.isEmpty()) {
      CdpTab.awaitAll(others.stream().map(tab::close).toList(), "closing the job's windows");
      PageClosing.await(others, tab::browserPages, tab::close);
      // chromedriver may have been pointed at one of them
      driver.switchTo().window(tab.id());
    }
    Set<String> origins = Set.copyOf(documentOrigins);
    documentOrigins.clear();
    boolean tabReused = tabMayStay && origins.size() <= 1 && blankInPlace(origins);
    if (!tabReused) {
      tab.replace();
    }
    var clearing = new ArrayList<CompletableFuture<Map<String, Object>>>();
    clearing.add(tab.tabCommand("Network.clearBrowserCookies", Map.of()));
    for (String origin : network.takeOrigins()) {
      clearing.add(tab.tabCommand("Storage.clearDataForOrigin", Map.of("origin", origin, "storageTypes", WEB_STORAGE)));
    }
    clearing.add(tab.browserCommand("Browser.resetPermissions", Map.of()));
    if (tabReused) {
      clearing.add(tab.tabCommand("Page.resetNavigationHistory", Map.of()));
    }
    CdpTab.awaitAll(clearing, "clearing cookies, storage and permissions");
    return tabReused;
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
      tab.evaluate("location.replace('about:blank')");
      long deadline = System.nanoTime() + SessionPool.RESET_LIMIT.toNanos() / 3;
      committed.get(SessionPool.RESET_LIMIT.toMillis() / 3, TimeUnit.MILLISECONDS);
      while (true) {
        Object outcome;
        try {
          outcome = tab.evaluate(clear);
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
        LockSupport.parkNanos(1_000_000);
      }
    } catch (WebDriverException | ExecutionException | TimeoutException e) {
      log.debug("blanking the page in place failed, replacing the tab: {}", e.getMessage());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SessionInterruptedException("interrupted while blanking the page");
    } finally {
      blankCommitted = null;
    }
  }

  /** On an endpoint without a DevTools connection: the same steps through chromedriver, on a new tab. */
  void throughTheDriver() {
    Set<String> oldWindows = driver.getWindowHandles();
    String fresh = driver.switchTo().newWindow(WindowType.TAB).getWindowHandle();
    driver.switchTo().window(fresh);
    oldWindows.forEach(this::closeThroughTheDriver);
    PageClosing.await(oldWindows, driver::getWindowHandles, this::closeThroughTheDriver);
    tab.throughTheDriver("Network.clearBrowserCookies", Map.of());
    for (String origin : network.takeOrigins()) {
      tab.throughTheDriver("Storage.clearDataForOrigin", Map.of("origin", origin, "storageTypes", "all"));
    }
    tab.throughTheDriver("Browser.resetPermissions", Map.of());
  }

  private void closeThroughTheDriver(String window) {
    try {
      tab.throughTheDriver("Target.closeTarget", Map.of("targetId", window));
    } catch (WebDriverException alreadyGone) {
      log.debug("closing window {} at reset: {}", window, alreadyGone.getMessage());
    }
  }
}

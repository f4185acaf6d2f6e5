package dev.browserfleet.worker.browser;

import dev.browserfleet.worker.engine.SessionInterruptedException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.openqa.selenium.WebDriverException;

/**
 * What Chromium said of the documents requested for a tab's main frame, read from CDP {@code
 * Network} events. A navigation Chromium refuses or fails (a port browsers refuse, a certificate it
 * does not trust, a response with no document) shows its error page or leaves the page where it
 * was, and WebDriver answers as if it had loaded; the session asks this which error it was, by
 * Chromium's own name ({@code net::ERR_UNSAFE_PORT}).
 *
 * <p>Selenium hands each event to a thread pool, so the events of one request may be handled in
 * any order: each comes with the sequence number it arrived with, and a request's outcome is kept
 * whichever of its events is handled first.
 */
final class NavigationErrors {

  /** How long an error page may wait for the event naming its error, which arrives before it. */
  private static final Duration EVENT_LAG = Duration.ofMillis(500);

  /** A main-frame document request, by the sequence number of its (latest) requestWillBeSent. */
  private record Request(long sequence, String id) {}

  private final AtomicReference<Request> current = new AtomicReference<>();
  /** Each document request's outcome: its error, or null once its response came. */
  private final Map<String, CompletableFuture<String>> outcomes = new ConcurrentHashMap<>();
  private volatile String mainFrame;

  /** Follows the documents of the frame {@code frameId} (a tab's target id is its main frame's id). */
  void follow(String frameId) {
    mainFrame = frameId;
    newPage();
  }

  /** Forgets the documents before a navigation about to start. */
  void newPage() {
    current.set(null);
    outcomes.clear();
  }

  /** Feeds a {@code Network.requestWillBeSent} event, the {@code sequence}th of the connection. */
  void requestWillBeSent(long sequence, Map<String, Object> params) {
    if ("Document".equals(params.get("type")) && mainFrame != null && mainFrame.equals(params.get("frameId"))) {
      var request = new Request(sequence, CdpEvents.string(params, "requestId"));
      current.accumulateAndGet(request, (last, next) -> last == null || next.sequence() > last.sequence() ? next : last);
    }
  }

  /** Feeds a {@code Network.loadingFailed} event. */
  void loadingFailed(Map<String, Object> params) {
    if ("Document".equals(params.get("type"))) {
      String error = CdpEvents.string(params, "errorText");
      outcomeOf(CdpEvents.string(params, "requestId")).complete(error == null || error.isBlank() ? "net::ERR_FAILED" : error);
    }
  }

  /** Feeds a {@code Network.responseReceived} event: the document came, whatever it says. */
  void responseReceived(Map<String, Object> params) {
    if ("Document".equals(params.get("type"))) {
      outcomeOf(CdpEvents.string(params, "requestId")).complete(null);
    }
  }

  private CompletableFuture<String> outcomeOf(String requestId) {
    return outcomes.computeIfAbsent(requestId == null ? "" : requestId, id -> new CompletableFuture<>());
  }

  /**
   * Throws the error of the main frame's document when the frame shows an error page for {@code
   * unreachableUrl} (its document was loaded by {@code loaderId}, the failed request's id), or when
   * {@code asked} was opened and the frame shows another page than it because its last document
   * request failed or brought no page to show. {@code asked} is null for a navigation the page
   * started, where only an error page counts. The three others come from {@code Page.getFrameTree}.
   */
  void throwIfFailed(String asked, String unreachableUrl, String loaderId, String shown) {
    if (unreachableUrl != null) {
      String error = loaderId == null ? null : await(outcomeOf(loaderId), EVENT_LAG);
      throw new WebDriverException((error == null ? "net::ERR_FAILED" : error) + " at " + unreachableUrl);
    }
    if (asked == null || asked.equals(shown)) {
      return;
    }
    Request last = current.get();
    String error = last == null ? null : outcomeOf(last.id()).getNow(null);
    if (error != null) {
      throw new WebDriverException(error + " at " + asked);
    }
    if (isWeb(asked) && (shown == null || !isWeb(shown))) {
      // The tab is still on the blank page it was reset to: the response had no page to show.
      throw new WebDriverException("net::ERR_ABORTED at " + asked + ": the response had no page to show"
          + " (no content, or a download)");
    }
  }

  private static boolean isWeb(String url) {
    return url.startsWith("http://") || url.startsWith("https://");
  }

  private static String await(CompletableFuture<String> outcome, Duration lag) {
    try {
      return outcome.get(lag.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SessionInterruptedException("interrupted while reading a navigation's error");
    } catch (ExecutionException | TimeoutException e) {
      return null;
    }
  }
}

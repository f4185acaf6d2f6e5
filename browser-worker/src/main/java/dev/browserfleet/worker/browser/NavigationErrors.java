package dev.browserfleet.worker.browser;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openqa.selenium.WebDriverException;

/**
 * What Chromium said of the last document requested for a tab's main frame, read from CDP
 * {@code Network} events. A navigation Chromium refuses or fails (a port browsers refuse, a
 * certificate it does not trust, a response with no document) shows its error page or leaves the
 * page where it was, and WebDriver answers as if it had loaded; the session asks this which error
 * it was, by Chromium's own name ({@code net::ERR_UNSAFE_PORT}).
 */
final class NavigationErrors {

  /** How long an error page may wait for the event naming its error; it comes first, as a rule. */
  private static final Duration EVENT_LAG = Duration.ofMillis(500);

  private record Request(String id, CompletableFuture<String> error) {}

  private volatile String mainFrame;
  private volatile Request current;

  /** Follows the documents of the frame {@code frameId} (a tab's target id is its main frame's id). */
  void follow(String frameId) {
    mainFrame = frameId;
    current = null;
  }

  /** Feeds a {@code Network.requestWillBeSent} event. */
  void requestWillBeSent(Map<String, Object> params) {
    if ("Document".equals(params.get("type")) && mainFrame != null && mainFrame.equals(params.get("frameId"))) {
      String id = CdpEvents.string(params, "requestId");
      Request last = current;
      if (last == null || !last.id().equals(id)) { // a redirect hop keeps its request's id
        current = new Request(id, new CompletableFuture<>());
      }
    }
  }

  /** Feeds a {@code Network.loadingFailed} event. */
  void loadingFailed(Map<String, Object> params) {
    Request last = current;
    if (last != null && last.id().equals(params.get("requestId"))) {
      String error = CdpEvents.string(params, "errorText");
      last.error().complete(error == null || error.isBlank() ? "net::ERR_FAILED" : error);
    }
  }

  /** Feeds a {@code Network.responseReceived} event: the document came, whatever it says. */
  void responseReceived(Map<String, Object> params) {
    Request last = current;
    if (last != null && last.id().equals(params.get("requestId"))) {
      last.error().complete(null);
    }
  }

  /**
   * The error of the main frame's document: thrown when the frame shows an error page for
   * {@code unreachableUrl}, or when its last document request failed and the frame shows another
   * page than {@code asked}. {@code unreachableUrl} and {@code shown} come from {@code
   * Page.getFrameTree}.
   */
  void throwIfFailed(String asked, String unreachableUrl, String shown) {
    Request last = current;
    if (unreachableUrl != null) {
      String error = last == null ? null : await(last.error(), EVENT_LAG);
      throw new WebDriverException((error == null ? "net::ERR_FAILED" : error) + " at " + unreachableUrl);
    }
    if (last != null && asked != null && !asked.equals(shown)) {
      Optional.ofNullable(last.error().getNow(null)).ifPresent(error -> {
        throw new WebDriverException(error + " at " + asked);
      });
    }
    if (asked != null && isWeb(asked) && (shown == null || !isWeb(shown))) {
      // The tab is still on the blank page it was reset to: the response had no document to show.
      throw new WebDriverException("net::ERR_ABORTED at " + asked + ": the response had no page to show"
          + " (no content, or a download)");
    }
  }

  private static boolean isWeb(String url) {
    return url.startsWith("http://") || url.startsWith("https://");
  }

  private static String await(CompletableFuture<String> error, Duration lag) {
    try {
      return error.get(lag.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SessionInterruptedException("interrupted while reading a navigation's error");
    } catch (ExecutionException | TimeoutException e) {
      return null;
    }
  }
}

package dev.browserfleet.worker.browser;

import dev.browserfleet.worker.engine.SessionInterruptedException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;

/** Waits on a page that every engine can do through plain WebDriver. */
final class PageWaits {

  /** Quiet time that counts as network idle, as in Playwright's {@code networkidle}. */
  static final Duration NETWORK_QUIET = Duration.ofMillis(500);

  private static final long POLL_MILLIS = 25;

  private PageWaits() {}

  /** Until the document has loaded, subresources included. */
  static void awaitLoad(WebDriver driver, long deadline, Duration timeout) {
    await(() -> "complete".equals(script(driver, "return document.readyState")), deadline, timeout, "load");
  }

  /**
   * Without network events (WebKit, or a remote endpoint that exposes no DevTools connection), the
   * best honest signal is the page's own resource timing: no new entry for the quiet period.
   */
  static void awaitResourceTimingQuiet(WebDriver driver, long deadline, Duration timeout) {
    long[] last = {-1, System.nanoTime()};
    await(
        () -> {
          long count = ((Number) script(driver, "return performance.getEntriesByType('resource').length")).longValue();
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

  static void await(BooleanSupplier condition, long deadline, Duration timeout, String what) {
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

  private static Object script(WebDriver driver, String script) {
    return ((JavascriptExecutor) driver).executeScript(script);
  }
}

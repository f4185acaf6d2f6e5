package dev.browserfleet.worker.browser;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.openqa.selenium.WebDriverException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Closing a finished job's pages until the browser no longer lists them. */
final class PageClosing {

  private static final Logger log = LoggerFactory.getLogger(PageClosing.class);
  /** How long a closed page may stay listed before it is closed again. */
  private static final Duration CLOSE_RETRY = Duration.ofMillis(300);

  private PageClosing() {}

  /**
   * Waits until the browser no longer lists {@code closed}. Target.closeTarget answers when the
   * close has begun, and the page goes a moment later; but now and then (a few closes in a hundred
   * on a busy machine) Chromium answers success and keeps the page, and then a second close takes
   * it. So a page still {@code listed} after {@link #CLOSE_RETRY} is closed again.
   */
  static void await(Collection<String> closed, Supplier<Collection<String>> listed, Consumer<String> close) {
    long start = System.nanoTime();
    long retryAt = start + CLOSE_RETRY.toNanos();
    while (true) {
      List<String> left = listed.get().stream().filter(closed::contains).toList();
      if (left.isEmpty()) {
        return;
      }
      long now = System.nanoTime();
      if (now - start > SessionPool.RESET_LIMIT.toNanos() / 3) {
        throw new WebDriverException("the job's windows " + left + " did not close");
      }
      if (now > retryAt) {
        log.debug("closing windows {} again at reset", left);
        left.forEach(close);
        retryAt = now + CLOSE_RETRY.toNanos();
      }
      java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
    }
  }
}

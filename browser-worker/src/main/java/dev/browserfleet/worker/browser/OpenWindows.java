package dev.browserfleet.worker.browser;

import dev.browserfleet.worker.engine.SessionInterruptedException;
import dev.browserfleet.worker.guard.NavigationGuard;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.openqa.selenium.NoSuchWindowException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;

/**
 * The URL guard after the fact, for sessions that cannot vet a request before the browser makes
 * it (plain WebDriver: WebKit, Firefox, remote browsers without CDP). Every window's URL goes
 * through the guard: a window the page opened (a popup) on a denied URL is closed, and the job's
 * own window on one is reported. By then the browser has requested the URL; what this prevents is
 * the job going on with the page.
 */
final class OpenWindows {

  private OpenWindows() {}

  /**
   * Checks every window of {@code driver} against {@code guard}, closing the other windows it
   * denies, and returns why the first denied one was, if any. The job's window stays the current one.
   */
  static Optional<String> closeDenied(WebDriver driver, NavigationGuard guard) {
    String jobWindow = driver.getWindowHandle();
    Optional<String> denied = denial(driver, guard);
    Set<String> windows = driver.getWindowHandles();
    if (windows.size() == 1) {
      return denied;
    }
    try {
      for (String window : windows) {
        if (window.equals(jobWindow)) {
          continue;
        }
        try {
          driver.switchTo().window(window);
          Optional<String> why = denial(driver, guard);
          if (why.isPresent()) {
            driver.close();
            denied = denied.or(() -> why);
          }
        } catch (NoSuchWindowException closedMeanwhile) {
          // the page closed it itself
        }
      }
    } finally {
      driver.switchTo().window(jobWindow);
    }
    return denied;
  }

  private static final int URL_READS = 20;
  private static final long URL_READ_PAUSE_NANOS = 50_000_000;

  private static Optional<String> denial(WebDriver driver, NavigationGuard guard) {
    return currentUrl(driver)
        .map(guard::denial)
        .orElseGet(() -> Optional.of("the address of a window could not be read, so it cannot be checked"));
  }

  /**
   * The current window's URL. A driver may answer without one while the window is between two
   * documents (chromedriver did, right after a navigation, on a loaded CI machine); Selenium throws
   * a plain {@link WebDriverException} then. That is asked again for about a second; after that, an
   * address that cannot be read is treated as denied. Anything more specific (no such window, an
   * open dialog, a lost session) is not retried.
   */
  static Optional<String> currentUrl(WebDriver driver) {
    for (int read = 1; ; read++) {
      try {
        return Optional.ofNullable(driver.getCurrentUrl());
      } catch (WebDriverException e) {
        if (e.getClass() != WebDriverException.class) {
          throw e;
        }
        if (read == URL_READS) {
          return Optional.empty();
        }
        LockSupport.parkNanos(URL_READ_PAUSE_NANOS);
        if (Thread.currentThread().isInterrupted()) {
          throw new SessionInterruptedException("interrupted while reading a window's address");
        }
      }
    }
  }
}

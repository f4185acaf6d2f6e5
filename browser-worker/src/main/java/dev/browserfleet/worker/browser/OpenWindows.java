package dev.browserfleet.worker.browser;

import java.util.Optional;
import java.util.Set;
import org.openqa.selenium.NoSuchWindowException;
import org.openqa.selenium.WebDriver;

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

  private static Optional<String> denial(WebDriver driver, NavigationGuard guard) {
    String url = driver.getCurrentUrl();
    return url == null ? Optional.empty() : guard.denial(url);
  }
}

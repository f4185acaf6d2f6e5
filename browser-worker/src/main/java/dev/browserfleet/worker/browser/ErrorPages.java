package dev.browserfleet.worker.browser;

import dev.browserfleet.worker.engine.PageScripts;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;

/**
 * Chromium's error page, told from the page itself where the session has no DevTools connection
 * (a remote endpoint without CDP): a navigation that ends on it failed, with the error it names.
 */
final class ErrorPages {

  private static final String SCRIPT = PageScripts.load(ErrorPages.class, "error-page.js");

  private ErrorPages() {}

  /** Throws Chromium's error for a page it could not load; {@code asked} names it, if known. */
  static void throwIfShown(WebDriver driver, String asked) {
    Object code = ((JavascriptExecutor) driver).executeScript(SCRIPT);
    if (code instanceof String error) {
      String name = error.isBlank() ? "ERR_FAILED" : error;
      throw new WebDriverException("net::" + name + " at " + (asked == null ? driver.getCurrentUrl() : asked));
    }
  }
}

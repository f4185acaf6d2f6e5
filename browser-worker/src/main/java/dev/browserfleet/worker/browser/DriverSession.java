package dev.browserfleet.worker.browser;

import dev.browserfleet.contracts.Engine;
import dev.browserfleet.contracts.WaitUntil;
import dev.browserfleet.contracts.action.BrowserStorage;
import dev.browserfleet.contracts.action.Pdf;
import dev.browserfleet.worker.engine.ChosenFile;
import dev.browserfleet.worker.engine.DeviceProfile;
import dev.browserfleet.worker.engine.HistoryStep;
import dev.browserfleet.worker.engine.ImageFormat;
import dev.browserfleet.worker.engine.UnsupportedActionException;
import dev.browserfleet.worker.guard.NavigationGuard;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;

/**
 * What each engine's adapter implements over a WebDriver-shaped driver: Chromium over CDP beside
 * chromedriver, WebKit over WebDriver, Firefox over WebDriver BiDi, and remote endpoints. The
 * execution layer never sees it: {@link WebDriverPage} presents it as an engine {@link
 * dev.browserfleet.worker.engine.BrowserSession}, turning elements and errors into the engine's
 * own. What every engine does the same way through WebDriver is a default here.
 */
public interface DriverSession {

  Engine engine();

  /** The WebDriver of the current page, for element actions. */
  WebDriver driver();

  /**
   * How this session answers the job's dialogs (alert, confirm, prompt, beforeunload), and whom it
   * reports each to; {@link #beginJob} and {@link #reset()} bring back the default answer (accept,
   * a prompt with its default value) and report to no one.
   */
  DialogAnswers dialogs();

  /**
   * Answers the dialogs that open from now until the job ends so.
   *
   * @throws UnsupportedActionException when the engine cannot answer them otherwise than by accepting
   */
  default void answerDialogs(DialogAnswers.Answer answer) {
    dialogs().answerWith(answer);
  }

  /** How many jobs were begun on this session. */
  int jobsBegun();

  /**
   * Makes the page emulate {@code profile} for the job about to run, and counts the job. Until
   * the next reset, {@code guard} vets every document the browser loads; see {@link
   * #takeBlockedNavigation()}.
   */
  void beginJob(DeviceProfile profile, NavigationGuard guard);

  /**
   * Puts {@code storage} in place for the first {@link #open} of {@code targetUrl}: cookies that
   * its first request carries, and storage items its first script sees.
   */
  void prepareStorage(String targetUrl, BrowserStorage storage);

  /**
   * The first navigation the guard denied since the last call (a redirect hop, a link, a frame),
   * which the browser did not load; empty when there was none.
   */
  Optional<String> takeBlockedNavigation();

  /**
   * Returns once the current page has reached {@code waitUntil}, for a navigation the page itself
   * started (a click on a link, a form sent).
   */
  void awaitPage(WaitUntil waitUntil, Duration timeout);

  /** Returns once no request has been in flight for 500 ms. */
  void awaitNetworkIdle(Duration timeout);

  /**
   * Goes back or forward in the history of the job's tab, or reloads its page, and returns once
   * the page is at {@code waitUntil}, as for a navigation the page started. With nothing to go
   * back or forward to, the page stays. The documents it loads are vetted as any other; see
   * {@link #takeBlockedNavigation()}.
   */
  default void traverse(HistoryStep step, WaitUntil waitUntil, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    WebDriver.Navigation history = driver().navigate();
    switch (step) {
      case BACK -> {
        boolean onAWebPage = isWebPage(currentUrl());
        history.back();
        if (onAWebPage && !isWebPage(currentUrl())) {
          // The tab's page from before the job (about:blank, a new-tab page): the job's history
          // starts at its first page, so back from there leaves the page as it was.
          history.forward();
        }
      }
      case FORWARD -> history.forward();
      case RELOAD -> history.refresh();
    }
    awaitPage(waitUntil, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
  }

  private static boolean isWebPage(String url) {
    return url != null && (url.startsWith("http://") || url.startsWith("https://"));
  }

  /** The handles of the job's windows: its tab and those its pages opened (popups, new tabs). */
  default List<String> windows() {
    return List.copyOf(driver().getWindowHandles());
  }

  /** The handle of the window the job's actions act on. */
  default String currentWindow() {
    return driver().getWindowHandle();
  }

  /**
   * Makes {@code window} the one the job's actions act on, until another switch or the reset;
   * {@link #currentUrl()}, {@link #title()}, waits and screenshots follow it.
   *
   * @throws org.openqa.selenium.NoSuchWindowException when it is gone
   */
  default void switchToWindow(String window) {
    driver().switchTo().window(window);
  }

  /** The address of the top-level page (after redirects), as WebDriver's getCurrentUrl gives it. */
  default String currentUrl() {
    return driver().getCurrentUrl();
  }

  /** The title of the top-level page; empty when it has none. */
  default String title() {
    return driver().getTitle();
  }

  /**
   * What {@code element} is now: {@code checked}, {@code selected} or {@code disabled} as a
   * Boolean, or {@code style:<property>} as the computed value of that CSS property (a String).
   */
  default Object elementState(WebElement element, String state) {
    return ((JavascriptExecutor) driver()).executeScript(ElementStates.SCRIPT, element, state);
  }

  /**
   * Drags {@code source} onto {@code target}: HTML5 drag-and-drop events for a draggable source,
   * else a press, a move and a release of the mouse.
   */
  default void dragAndDrop(WebElement source, WebElement target) {
    DragAndDrops.perform(driver(), source, target);
  }

  /**
   * Puts {@code files} in the file input {@code input}, with the events a user's choice fires.
   *
   * @return what is wrong when it cannot take them (not a file input, more files than it takes)
   */
  default Optional<String> chooseFiles(WebElement input, List<ChosenFile> files) {
    return FileChoices.choose(driver(), input, files);
  }

  /** The element as an image. */
  default byte[] screenshot(WebElement element, ImageFormat format, Integer quality) {
    return PageOutput.elementScreenshot(element, format, quality);
  }

  /**
   * The page printed to PDF.
   *
   * @throws UnsupportedActionException when the engine cannot print
   */
  default byte[] pdf(Pdf pdf) {
    return PageOutput.print(driver(), engine().wireName(), pdf);
  }

  /**
   * Opens {@code url} and returns once {@code waitUntil} is reached: {@code domcontentloaded},
   * {@code load}, or {@code networkidle} (no request in flight for 500 ms after load).
   *
   * @throws org.openqa.selenium.TimeoutException when it is not reached within {@code timeout}
   */
  void open(String url, WaitUntil waitUntil, Duration timeout);

  /** The current page as an image: the viewport, or the whole page when {@code fullPage}. */
  byte[] screenshot(boolean fullPage, ImageFormat format, Integer quality);

  /**
   * Brings the session back to a blank state: extra windows closed, cookies, storage and
   * permissions cleared, emulation off, on {@code about:blank}.
   */
  void reset();

  /**
   * Refuses a mouse button the engine cannot press ({@code left}, {@code right}, {@code middle}).
   *
   * @throws UnsupportedActionException when it cannot
   */
  default void checkMouseButton(String button) {}

  /** Whether the browser still answers. */
  boolean isAlive();

  /** Quits the browser and its driver and removes what they left on disk. */
  void close();

  /**
   * Stops the browser at once, from any thread, even while a command is in flight on another
   * thread; that command then fails. Used when an attempt times out or is abandoned.
   */
  void abort();

  /**
   * Whether the browser behind {@code driver} answers a round trip to its page (a driver answers
   * some commands without its browser).
   */
  static boolean answers(WebDriver driver) {
    try {
      driver.getCurrentUrl();
      return true;
    } catch (WebDriverException e) {
      return false;
    }
  }
}

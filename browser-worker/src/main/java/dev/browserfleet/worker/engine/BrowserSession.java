package dev.browserfleet.worker.engine;

import dev.browserfleet.contracts.Engine;
import dev.browserfleet.contracts.WaitUntil;
import dev.browserfleet.contracts.action.BrowserStorage;
import dev.browserfleet.contracts.action.Pdf;
import dev.browserfleet.contracts.event.DialogResult;
import dev.browserfleet.worker.guard.NavigationGuard;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One warm browser as the execution layer drives it, one job at a time, whatever the engine and
 * whatever the protocol behind it (CDP, WebDriver, WebDriver BiDi, a remote endpoint). No type of
 * a driver library crosses this interface: its errors arrive as {@link EngineException}s, its
 * elements as {@link PageElement}s. Between jobs it is {@link #reset()} so that nothing of one job
 * is visible to the next; it is closed when it misbehaves or has served its share of jobs.
 */
public interface BrowserSession {

  Engine engine();

  /** How many jobs were begun on this session. */
  int jobsBegun();

  // ---- the job ----

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

  /** Reports each dialog of the job, in the order they open, to {@code listener}, until the reset. */
  void reportDialogsTo(Consumer<DialogResult> listener);

  /**
   * Answers the dialogs that open from now until the job ends: accepted (a prompt with {@code
   * promptText}, or its default value when that is null) or dismissed.
   *
   * @throws UnsupportedActionException when the engine cannot answer them otherwise than by accepting
   */
  void answerDialogs(boolean accept, String promptText);

  /**
   * Brings the session back to a blank state: extra windows closed, cookies, storage and
   * permissions cleared, emulation off, on {@code about:blank}.
   */
  void reset();

  // ---- pages and windows ----

  /**
   * Opens {@code url} and returns once {@code waitUntil} is reached: {@code domcontentloaded},
   * {@code load}, or {@code networkidle} (no request in flight for 500 ms after load).
   *
   * @throws EngineException of kind TIMEOUT when it is not reached by {@code deadline}
   */
  void open(String url, WaitUntil waitUntil, Deadline deadline);

  /**
   * Returns once the current page has reached {@code waitUntil}, for a navigation the page itself
   * started (a click on a link, a form sent).
   */
  void awaitPage(WaitUntil waitUntil, Deadline deadline);

  /** Returns once no request has been in flight for 500 ms. */
  void awaitNetworkIdle(Deadline deadline);

  /**
   * Goes back or forward in the history of the job's tab, or reloads its page, and returns once
   * the page is at {@code waitUntil}. With nothing to go back or forward to, the page stays.
   */
  void traverse(HistoryStep step, WaitUntil waitUntil, Deadline deadline);

  /**
   * The first navigation the guard denied since the last call (a redirect hop, a link, a frame),
   * which the browser did not load; empty when there was none.
   */
  Optional<String> takeBlockedNavigation();

  /** The address of the top-level page, after redirects. */
  String currentUrl();

  /** The title of the top-level page; empty when it has none. */
  String title();

  /** The page's markup as it is now. */
  String pageSource();

  /** The cookies the current page can see, each as name, value, domain, path, flags and expiry. */
  List<Map<String, Object>> cookies();

  /** The handles of the job's windows: its tab and those its pages opened (popups, new tabs). */
  List<String> windows();

  /** The handle of the window the job's actions act on. */
  String currentWindow();

  /**
   * Makes {@code window} the one the job's actions act on, until another switch or the reset.
   *
   * @throws EngineException of kind WINDOW_GONE when it is closed
   */
  void switchToWindow(String window);

  // ---- elements and scripts ----

  /** The elements an XPath expression matches in the current frame's document. */
  List<PageElement> findByXPath(String xpath);

  /**
   * Runs {@code script} as a function body in the current frame with {@code args} ({@link
   * PageElement}s among them) and returns its value: null, Boolean, Long, Double, String, a List, a
   * Map, or a PageElement. For the worker's own short scripts; see {@link #runScriptWithin}.
   */
  Object runScript(String script, Object... args);

  /** As {@link #runScript}, waiting up to {@code timeout} for a promise the script returns. */
  Object runScriptWithin(Duration timeout, String script, Object... args);

  /**
   * Runs {@code script} with {@code args} and a callback as its last argument, and returns the
   * value it passes the callback within {@code timeout}.
   */
  Object runAsyncScript(Duration timeout, String script, Object... args);

  /** Makes the document of the iframe {@code frame} the one elements and scripts act in. */
  void enterFrame(PageElement frame);

  /** Back to the top-level document. */
  void leaveFrames();

  /**
   * What {@code element} is now: {@code checked}, {@code selected} or {@code disabled} as a
   * Boolean, or {@code style:<property>} as the computed value of that CSS property (a String).
   */
  Object elementState(PageElement element, String state);

  // ---- input ----

  /**
   * Refuses a mouse button the engine cannot press ({@code left}, {@code right}, {@code middle}).
   *
   * @throws UnsupportedActionException when it cannot
   */
  void checkMouseButton(String button);

  /** Moves the mouse to the centre of {@code element} and clicks {@code button} {@code count} times. */
  void click(PageElement element, String button, int count);

  /** Moves the mouse onto the centre of {@code element}. */
  void hover(PageElement element);

  /** Moves the mouse through {@code path} (viewport pixels), {@code step} per point. */
  void moveMouse(List<Point> path, Duration step);

  /** Presses {@code key} with {@code modifiers} held, on whatever has the focus. */
  void pressKey(List<Key> modifiers, CharSequence key);

  /**
   * Drags {@code source} onto {@code target}: HTML5 drag-and-drop events for a draggable source,
   * else a press, a move and a release of the mouse.
   */
  void dragAndDrop(PageElement source, PageElement target);

  /**
   * Puts {@code files} in the file input {@code input}, with the events a user's choice fires.
   *
   * @return what is wrong when it cannot take them (not a file input, more files than it takes)
   */
  Optional<String> chooseFiles(PageElement input, List<ChosenFile> files);

  // ---- output ----

  /** The current page as an image: the viewport, or the whole page when {@code fullPage}. */
  byte[] screenshot(boolean fullPage, ImageFormat format, Integer quality);

  /** The element as an image. */
  byte[] screenshot(PageElement element, ImageFormat format, Integer quality);

  /**
   * The page printed to PDF.
   *
   * @throws UnsupportedActionException when the engine cannot print
   */
  byte[] pdf(Pdf pdf);

  // ---- the browser ----

  /** Whether the browser still answers. */
  boolean isAlive();

  /** Quits the browser and its driver and removes what they left on disk. */
  void close();

  /**
   * Stops the browser at once, from any thread, even while a command is in flight on another
   * thread; that command then fails. Used when an attempt times out or is abandoned.
   */
  void abort();

  /** A point in viewport pixels. */
  record Point(int x, int y) {}
}

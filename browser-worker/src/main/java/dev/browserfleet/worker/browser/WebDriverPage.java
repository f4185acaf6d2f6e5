package dev.browserfleet.worker.browser;

import static dev.browserfleet.worker.browser.SeleniumErrors.call;
import static dev.browserfleet.worker.browser.SeleniumErrors.run;

import dev.browserfleet.contracts.Engine;
import dev.browserfleet.contracts.WaitUntil;
import dev.browserfleet.contracts.action.BrowserStorage;
import dev.browserfleet.contracts.action.Pdf;
import dev.browserfleet.contracts.event.DialogResult;
import dev.browserfleet.worker.engine.BrowserSession;
import dev.browserfleet.worker.engine.ChosenFile;
import dev.browserfleet.worker.engine.Deadline;
import dev.browserfleet.worker.engine.DeviceProfile;
import dev.browserfleet.worker.engine.HistoryStep;
import dev.browserfleet.worker.engine.ImageFormat;
import dev.browserfleet.worker.engine.Key;
import dev.browserfleet.worker.engine.PageElement;
import dev.browserfleet.worker.guard.NavigationGuard;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * An engine {@link BrowserSession} over one engine's {@link DriverSession}: the one place where
 * the execution layer's calls become WebDriver calls, its elements become {@link WebElement}s and
 * back, and Selenium's errors become engine errors ({@link SeleniumErrors}).
 */
public final class WebDriverPage implements BrowserSession {

  private final DriverSession session;

  public WebDriverPage(DriverSession session) {
    this.session = session;
  }

  /** The driver behind an engine session of this adapter, for tests and benchmarks that drive the page directly. */
  public static WebDriver driverOf(BrowserSession session) {
    return ((WebDriverPage) session).session.driver();
  }

  /** The engine's own session behind this one. */
  DriverSession driverSession() {
    return session;
  }

  private WebDriver driver() {
    return session.driver();
  }

  @Override
  public Engine engine() {
    return session.engine();
  }

  @Override
  public int jobsBegun() {
    return session.jobsBegun();
  }

  @Override
  public void beginJob(DeviceProfile profile, NavigationGuard guard) {
    run(() -> session.beginJob(profile, guard));
  }

  @Override
  public void prepareStorage(String targetUrl, BrowserStorage storage) {
    run(() -> session.prepareStorage(targetUrl, storage));
  }

  @Override
  public void reportDialogsTo(Consumer<DialogResult> listener) {
    session.dialogs().reportTo(listener);
  }

  @Override
  public void answerDialogs(boolean accept, String promptText) {
    session.answerDialogs(new DialogAnswers.Answer(accept, promptText));
  }

  @Override
  public void reset() {
    run(session::reset);
  }

  @Override
  public void open(String url, WaitUntil waitUntil, Deadline deadline) {
    run(() -> session.open(url, waitUntil, deadline.left()));
  }

  @Override
  public void awaitPage(WaitUntil waitUntil, Deadline deadline) {
    run(() -> session.awaitPage(waitUntil, deadline.left()));
  }

  @Override
  public void awaitNetworkIdle(Deadline deadline) {
    run(() -> session.awaitNetworkIdle(deadline.left()));
  }

  @Override
  public void traverse(HistoryStep step, WaitUntil waitUntil, Deadline deadline) {
    run(() -> session.traverse(step, waitUntil, deadline.left()));
  }

  @Override
  public Optional<String> takeBlockedNavigation() {
    return call(session::takeBlockedNavigation);
  }

  @Override
  public String currentUrl() {
    return call(session::currentUrl);
  }

  @Override
  public String title() {
    return call(session::title);
  }

  @Override
  public String pageSource() {
    return call(() -> driver().getPageSource());
  }

  @Override
  public List<Map<String, Object>> cookies() {
    return call(() -> driver().manage().getCookies().stream().map(WebDriverPage::cookie).toList());
  }

  private static Map<String, Object> cookie(Cookie cookie) {
    var map = new LinkedHashMap<String, Object>();
    map.put("name", cookie.getName());
    map.put("value", cookie.getValue());
    map.put("domain", cookie.getDomain());
    map.put("path", cookie.getPath());
    map.put("secure", cookie.isSecure());
    map.put("httpOnly", cookie.isHttpOnly());
    if (cookie.getSameSite() != null) {
      map.put("sameSite", cookie.getSameSite());
    }
    if (cookie.getExpiry() != null) {
      map.put("expires", cookie.getExpiry().toInstant().getEpochSecond());
    }
    return map;
  }

  @Override
  public List<String> windows() {
    return call(session::windows);
  }

  @Override
  public String currentWindow() {
    return call(session::currentWindow);
  }

  @Override
  public void switchToWindow(String window) {
    run(() -> session.switchToWindow(window));
  }

  @Override
  public List<PageElement> findByXPath(String xpath) {
    return call(() -> driver().findElements(By.xpath(xpath)).stream().<PageElement>map(WebDriverElement::new).toList());
  }

  @Override
  public Object runScript(String script, Object... args) {
    return call(() -> fromPage(((JavascriptExecutor) driver()).executeScript(script, toPage(args))));
  }

  @Override
  public Object runScriptWithin(Duration timeout, String script, Object... args) {
    return call(() -> {
      driver().manage().timeouts().scriptTimeout(timeout);
      return fromPage(((JavascriptExecutor) driver()).executeScript(script, toPage(args)));
    });
  }

  @Override
  public Object runAsyncScript(Duration timeout, String script, Object... args) {
    return call(() -> {
      driver().manage().timeouts().scriptTimeout(timeout);
      return fromPage(((JavascriptExecutor) driver()).executeAsyncScript(script, toPage(args)));
    });
  }

  private static Object[] toPage(Object[] args) {
    Object[] page = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      page[i] = args[i] instanceof PageElement element ? unwrap(element) : args[i];
    }
    return page;
  }

  /** A script's value with the driver's elements, also in lists and maps, as page elements. */
  private static Object fromPage(Object value) {
    return switch (value) {
      case WebElement element -> new WebDriverElement(element);
      case List<?> list -> {
        var out = new ArrayList<>(list.size());
        list.forEach(item -> out.add(fromPage(item)));
        yield out;
      }
      case Map<?, ?> map -> {
        var out = new LinkedHashMap<Object, Object>();
        map.forEach((k, v) -> out.put(k, fromPage(v)));
        yield out;
      }
      case null, default -> value;
    };
  }

  static WebElement unwrap(PageElement element) {
    return ((WebDriverElement) element).element();
  }

  @Override
  public void enterFrame(PageElement frame) {
    run(() -> driver().switchTo().frame(unwrap(frame)));
  }

  @Override
  public void leaveFrames() {
    run(() -> driver().switchTo().defaultContent());
  }

  @Override
  public Object elementState(PageElement element, String state) {
    return call(() -> session.elementState(unwrap(element), state));
  }

  @Override
  public void checkMouseButton(String button) {
    session.checkMouseButton(button);
  }

  @Override
  public void click(PageElement element, String button, int count) {
    run(() -> PointerMoves.click(driver(), unwrap(element), button, count));
  }

  @Override
  public void hover(PageElement element) {
    run(() -> new Actions(driver()).moveToElement(unwrap(element)).perform());
  }

  @Override
  public void moveMouse(List<Point> path, Duration step) {
    run(() -> PointerMoves.glide(driver(), path, step));
  }

  @Override
  public void pressKey(List<Key> modifiers, CharSequence key) {
    run(() -> {
      var keyboard = new Actions(driver());
      modifiers.forEach(keyboard::keyDown);
      keyboard.sendKeys(key);
      modifiers.reversed().forEach(keyboard::keyUp);
      keyboard.perform();
    });
  }

  @Override
  public void dragAndDrop(PageElement source, PageElement target) {
    run(() -> session.dragAndDrop(unwrap(source), unwrap(target)));
  }

  @Override
  public Optional<String> chooseFiles(PageElement input, List<ChosenFile> files) {
    return call(() -> session.chooseFiles(unwrap(input), files));
  }

  @Override
  public byte[] screenshot(boolean fullPage, ImageFormat format, Integer quality) {
    return call(() -> session.screenshot(fullPage, format, quality));
  }

  @Override
  public byte[] screenshot(PageElement element, ImageFormat format, Integer quality) {
    return call(() -> session.screenshot(unwrap(element), format, quality));
  }

  @Override
  public byte[] pdf(Pdf pdf) {
    return call(() -> session.pdf(pdf));
  }

  @Override
  public boolean isAlive() {
    return session.isAlive();
  }

  @Override
  public void close() {
    session.close();
  }

  @Override
  public void abort() {
    session.abort();
  }
}

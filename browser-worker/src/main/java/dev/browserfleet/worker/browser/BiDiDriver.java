package dev.browserfleet.worker.browser;

import dev.browserfleet.worker.engine.PageScripts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.UnsupportedCommandException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.interactions.Interactive;
import org.openqa.selenium.interactions.Sequence;

/**
 * The part of WebDriver classic that the worker's action language uses, over WebDriver BiDi: so
 * that a browser without a classic driver (Firefox without geckodriver) runs the same actions.
 * Scripts run through {@code script.callFunction}, elements are shared references, clicks and keys
 * are {@code input.performActions}. It acts on the job's top-level browsing context, or on the
 * frame switched to.
 */
final class BiDiDriver implements WebDriver, JavascriptExecutor, TakesScreenshot, Interactive {

  private static final String ELEMENT_SCRIPT = PageScripts.load(BiDiDriver.class, "bidi-element.js");

  private final BiDiChannel channel;
  private final Supplier<String> topContext;
  private String frame;
  /** The job's tab and the window switched to from it, or null. */
  private volatile String[] window;
  private Duration scriptTimeout = Duration.ofSeconds(30);

  /** @param topContext the id of the job's top-level browsing context, which changes at each reset */
  BiDiDriver(BiDiChannel channel, Supplier<String> topContext) {
    this.channel = channel;
    this.topContext = topContext;
  }

  /** The browsing context commands go to: the frame switched to, or the window's page. */
  String context() {
    return frame != null ? frame : top();
  }

  /**
   * The top-level browsing context the job acts on: a window switched to, as long as the job's
   * tab is the one it was switched to from (a reset makes a new tab), else the job's tab.
   */
  String top() {
    String tab = topContext.get();
    String[] switched = window;
    return switched != null && switched[0].equals(tab) ? switched[1] : tab;
  }

  /** Forgets a frame switched to; the next job starts on its page. */
  void toTop() {
    frame = null;
  }

  Object call(String context, String function, List<Object> args, boolean awaitPromise, Duration limit) {
    var params = new HashMap<String, Object>();
    params.put("functionDeclaration", function);
    params.put("target", Map.of("context", context));
    params.put("arguments", args.stream().map(BiDiValues::local).toList());
    params.put("awaitPromise", awaitPromise);
    params.put("resultOwnership", "none");
    params.put("serializationOptions", Map.of("maxDomDepth", 0, "maxObjectDepth", 10));
    Map<String, Object> answer;
    try {
      answer = channel.send("script.callFunction", params, limit);
    } catch (WebDriverException e) {
      throw BiDiValues.translate(e);
    }
    return BiDiValues.result(answer, id -> new BiDiElement(this, context, id));
  }

  Object elementScript(String context, WebElement element, String op, Object arg) {
    var args = new ArrayList<Object>();
    args.add(element);
    args.add(op);
    args.add(arg);
    return call(context, ELEMENT_SCRIPT, args, false, BiDiChannel.COMMAND_LIMIT);
  }

  List<WebElement> find(String context, WebElement within, By by) {
    Map<String, Object> query = query(by);
    Object found = elementScript(context, within, "find", query);
    return found == null ? List.of() : ((List<?>) found).stream().map(WebElement.class::cast).toList();
  }

  private static Map<String, Object> query(By by) {
    String text = by.toString();
    int colon = text.indexOf(": ");
    String strategy = colon < 0 ? "" : text.substring(0, colon);
    String value = colon < 0 ? text : text.substring(colon + 2);
    return switch (strategy) {
      case "By.xpath" -> Map.of("using", "xpath", "value", value);
      case "By.cssSelector", "By.css selector" -> Map.of("using", "css", "value", value);
      case "By.tagName" -> Map.of("using", "css", "value", value);
      case "By.id" -> Map.of("using", "xpath", "value", ".//*[@id=" + literal(value) + "]");
      default -> throw new UnsupportedCommandException("finding elements " + by + " is not offered over WebDriver BiDi");
    };
  }

  private static String literal(String value) {
    return value.contains("'") ? "\"" + value + "\"" : "'" + value + "'";
  }

  void performInput(String context, List<Map<String, Object>> actions) {
    try {
      channel.send("input.performActions", Map.of("context", context, "actions", actions));
    } catch (WebDriverException e) {
      throw BiDiValues.translate(e);
    }
  }

  String elementScreenshot(String context, String sharedId) {
    Map<String, Object> shot = channel.send("browsingContext.captureScreenshot", Map.of("context", context,
        "clip", Map.of("type", "element", "element", Map.of("sharedId", sharedId))));
    return (String) shot.get("data");
  }

  @Override
  public Object executeScript(String script, Object... args) {
    return call(context(), "function() {\n" + script + "\n}", java.util.Arrays.asList(args), false, scriptLimit());
  }

  /** The script is handed a callback as its last argument, as in WebDriver; its call ends the script. */
  @Override
  public Object executeAsyncScript(String script, Object... args) {
    String function = "function() { const args = Array.from(arguments); return new Promise((resolve, reject) => {"
        + " args.push(resolve); try { (function() {\n" + script + "\n}).apply(null, args); } catch (e) { reject(e); } }); }";
    return call(context(), function, java.util.Arrays.asList(args), true, scriptLimit());
  }

  private Duration scriptLimit() {
    return scriptTimeout.plusSeconds(1);
  }

  /** Runs the actions of {@code sequences} as Selenium's Actions encode them, an element origin as its shared reference. */
  @Override
  @SuppressWarnings("unchecked")
  public void perform(Collection<Sequence> sequences) {
    var actions = new ArrayList<Map<String, Object>>();
    for (Sequence sequence : sequences) {
      var encoded = new HashMap<String, Object>(sequence.encode());
      var steps = new ArrayList<Object>();
      for (Object step : (List<Object>) encoded.get("actions")) {
        var action = new HashMap<String, Object>((Map<String, Object>) step);
        if (action.get("origin") instanceof BiDiElement element) {
          action.put("origin", Map.of("type", "element", "element", Map.of("sharedId", element.sharedId())));
        }
        steps.add(action);
      }
      encoded.put("actions", steps);
      actions.add(encoded);
    }
    performInput(context(), actions);
  }

  @Override
  public void resetInputState() {
    channel.send("input.releaseActions", Map.of("context", context()));
  }

  @Override
  public <X> X getScreenshotAs(OutputType<X> target) {
    Map<String, Object> shot = channel.send("browsingContext.captureScreenshot", Map.of("context", top()));
    return target.convertFromBase64Png((String) shot.get("data"));
  }

  @Override
  public void get(String url) {
    try {
      channel.send("browsingContext.navigate", Map.of("context", top(), "url", url, "wait", "complete"));
    } catch (WebDriverException e) {
      throw BiDiValues.translate(e);
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public String getCurrentUrl() {
    Map<String, Object> tree = channel.send("browsingContext.getTree", Map.of("root", top(), "maxDepth", 0));
    var contexts = (List<Map<String, Object>>) tree.get("contexts");
    return contexts.isEmpty() ? null : (String) contexts.getFirst().get("url");
  }

  @Override
  public String getTitle() {
    Object title = call(top(), "function() { return document.title; }", List.of(), false, BiDiChannel.COMMAND_LIMIT);
    return title == null ? "" : title.toString();
  }

  @Override
  public List<WebElement> findElements(By by) {
    return find(context(), null, by);
  }

  @Override
  public WebElement findElement(By by) {
    List<WebElement> found = findElements(by);
    if (found.isEmpty()) {
      throw new NoSuchElementException("no element matches " + by);
    }
    return found.getFirst();
  }

  @Override
  public String getPageSource() {
    return (String) elementScript(context(), null, "source", null);
  }

  @Override
  public void close() {
    throw new UnsupportedCommandException("the session closes its own windows");
  }

  @Override
  public void quit() {
    throw new UnsupportedCommandException("the session quits its own browser");
  }

  /** The top-level browsing contexts of the job's user context: its tab and the windows its pages opened. */
  @Override
  @SuppressWarnings("unchecked")
  public Set<String> getWindowHandles() {
    String tab = topContext.get();
    var contexts = (List<Map<String, Object>>) channel.send("browsingContext.getTree", Map.of("maxDepth", 0)).get("contexts");
    Object userContext = contexts.stream().filter(c -> tab.equals(c.get("context"))).findFirst()
        .map(c -> c.get("userContext")).orElse(null);
    var handles = new LinkedHashSet<String>();
    handles.add(tab);
    contexts.stream().filter(c -> userContext != null && userContext.equals(c.get("userContext")))
        .forEach(c -> handles.add((String) c.get("context")));
    return handles;
  }

  @Override
  public String getWindowHandle() {
    return top();
  }

  @Override
  public TargetLocator switchTo() {
    return new Frames();
  }

  /** The tab's history; URLs are opened through the session, which vets and waits for them. */
  @Override
  public Navigation navigate() {
    return new History();
  }

  @Override
  public Options manage() {
    return new BiDiOptions(channel, topContext, this::scriptTimeout, limit -> scriptTimeout = limit);
  }

  private Duration scriptTimeout() {
    return scriptTimeout;
  }

  /**
   * Back and forward by {@code browsingContext.traverseHistory}, a reload by {@code
   * browsingContext.reload} up to the new document's interactive state; the session then waits for
   * the job's waitUntil. Firefox answers a move with nothing to go to with "no such history entry",
   * which is no error here: the page stays, as it does over WebDriver classic.
   */
  private final class History implements Navigation {

    @Override
    public void back() {
      traverse(-1);
    }

    @Override
    public void forward() {
      traverse(1);
    }

    @Override
    public void refresh() {
      frame = null;
      try {
        channel.send("browsingContext.reload", Map.of("context", top(), "wait", "interactive"));
      } catch (WebDriverException e) {
        throw BiDiValues.translate(e);
      }
    }

    private void traverse(int delta) {
      frame = null;
      try {
        channel.send("browsingContext.traverseHistory", Map.of("context", top(), "delta", delta));
      } catch (WebDriverException e) {
        boolean noEntry = BiDiValues.error(e).map(error -> "no such history entry".equals(error.get("error"))).orElse(false);
        if (!noEntry) {
          throw BiDiValues.translate(e);
        }
      }
    }

    @Override
    public void to(String url) {
      throw new UnsupportedCommandException("navigate through the session");
    }

    @Override
    public void to(java.net.URL url) {
      throw new UnsupportedCommandException("navigate through the session");
    }
  }

  /** Frames by element; a frame's browsing context is what its element's contentWindow names. */
  private final class Frames implements TargetLocator {

    @Override
    public WebDriver frame(WebElement element) {
      Object window = elementScript(context(), element, "frame", null);
      if (!(window instanceof Map<?, ?> named) || named.get("context") == null) {
        throw new org.openqa.selenium.NoSuchFrameException("the element is not a frame with a document");
      }
      frame = String.valueOf(named.get("context"));
      return BiDiDriver.this;
    }

    @Override
    public WebDriver defaultContent() {
      frame = null;
      return BiDiDriver.this;
    }

    @Override
    public WebDriver frame(int index) {
      throw new UnsupportedCommandException("frames are switched to by element");
    }

    @Override
    public WebDriver frame(String nameOrId) {
      throw new UnsupportedCommandException("frames are switched to by element");
    }

    @Override
    public WebDriver parentFrame() {
      throw new UnsupportedCommandException("frames are switched to by element");
    }

    /** A window of the job's user context, by handle (its browsing context id). */
    @Override
    public WebDriver window(String nameOrHandle) {
      if (!getWindowHandles().contains(nameOrHandle)) {
        throw new org.openqa.selenium.NoSuchWindowException("the job has no window " + nameOrHandle);
      }
      frame = null;
      window = new String[] {topContext.get(), nameOrHandle};
      return BiDiDriver.this;
    }

    @Override
    public WebDriver newWindow(WindowType typeHint) {
      throw new UnsupportedCommandException("the session opens windows");
    }

    @Override
    public WebElement activeElement() {
      return (WebElement) executeScript("return document.activeElement");
    }

    @Override
    public Alert alert() {
      throw new UnsupportedCommandException("dialogs are answered by the session as they open");
    }
  }
}

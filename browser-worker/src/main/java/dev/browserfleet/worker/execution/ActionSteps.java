package dev.browserfleet.worker.execution;

import dev.browserfleet.contracts.ArtifactType;
import dev.browserfleet.contracts.JsonCodec;
import dev.browserfleet.contracts.WaitUntil;
import dev.browserfleet.contracts.action.Action;
import dev.browserfleet.contracts.action.Check;
import dev.browserfleet.contracts.action.Clear;
import dev.browserfleet.contracts.action.Click;
import dev.browserfleet.contracts.action.ElementAction;
import dev.browserfleet.contracts.action.ExecuteScript;
import dev.browserfleet.contracts.action.Extract;
import dev.browserfleet.contracts.action.Fill;
import dev.browserfleet.contracts.action.Hover;
import dev.browserfleet.contracts.action.MoveCursor;
import dev.browserfleet.contracts.action.Navigate;
import dev.browserfleet.contracts.action.Pdf;
import dev.browserfleet.contracts.action.Press;
import dev.browserfleet.contracts.action.Screenshot;
import dev.browserfleet.contracts.action.Scroll;
import dev.browserfleet.contracts.action.Select;
import dev.browserfleet.contracts.action.Snapshot;
import dev.browserfleet.contracts.action.Type;
import dev.browserfleet.contracts.action.Uncheck;
import dev.browserfleet.contracts.action.Wait;
import dev.browserfleet.contracts.action.WaitFor;
import dev.browserfleet.contracts.event.Artifact;
import dev.browserfleet.contracts.lane.JobAssignment;
import dev.browserfleet.worker.artifacts.ArtifactStore;
import dev.browserfleet.worker.browser.BrowserSession;
import dev.browserfleet.worker.browser.ImageFormat;
import dev.browserfleet.worker.browser.SessionInterruptedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.Interactive;
import org.openqa.selenium.interactions.PointerInput;
import org.openqa.selenium.interactions.Sequence;
import org.openqa.selenium.support.ui.UnexpectedTagNameException;

/**
 * Performs the actions of one attempt on its session, one at a time. Element actions wait for
 * their element as {@link Elements} does; page actions use the session's engine-specific means.
 */
final class ActionSteps {

  private static final String SCROLL_SCRIPT =
      "const [mode, value, speed, el] = arguments; const done = arguments[arguments.length - 1];"
          + " const root = document.scrollingElement || document.documentElement;"
          + " const max = () => Math.max(0, root.scrollHeight - innerHeight);"
          + " const goal = () => { let y = mode === 'bottom' ? max() : mode === 'y' ? value"
          + "   : scrollY + el.getBoundingClientRect().top - (innerHeight - el.getBoundingClientRect().height) / 2;"
          + "   return Math.round(Math.max(0, Math.min(y, max()))); };"
          + " let from = scrollY, start = performance.now();"
          + " const step = () => {"
          + "   const to = goal(); const dir = Math.sign(to - from);"
          + "   const travelled = speed * (performance.now() - start) / 1000;"
          + "   const y = dir > 0 ? Math.min(from + travelled, to) : Math.max(from - travelled, to);"
          + "   scrollTo(scrollX, y);"
          + "   if (dir === 0 || y === to) { done(Math.round(scrollY)); } else { setTimeout(step, 16); }"
          + " };"
          + " step();";

  private static final String CENTRE_IN_VIEW =
      "const el = arguments[0]; el.scrollIntoView({block: 'center', inline: 'center'});"
          + " const r = el.getBoundingClientRect(); return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)];";

  private static final String STORAGE_SCRIPT =
      "const s = arguments[0] === 'local' ? localStorage : sessionStorage; const out = {};"
          + " for (let i = 0; i < s.length; i++) { out[s.key(i)] = s.getItem(s.key(i)); } return out;";

  private final JobAssignment job;
  private final BrowserSession session;
  private final AttemptReports reports;
  private final ResultBuilder result;
  private final Deadline deadline;
  private final JobRunner.Settings settings;
  private final ArtifactStore artifacts;
  private final Navigator navigator;
  private final Elements elements;
  private final WaitUntil jobWaitUntil;
  // Where the mouse is, in viewport pixels: WebDriver cannot tell, so the attempt keeps track.
  private CursorPath.Point cursor = new CursorPath.Point(0, 0);

  /** Opens a URL after checking it; the runner's, so that every navigation goes the same way. */
  interface Navigator {
    void open(String what, String url, WaitUntil waitUntil, Duration timeout);
  }

  ActionSteps(JobAssignment job, BrowserSession session, AttemptReports reports, ResultBuilder result,
      Deadline deadline, JobRunner.Settings settings, ArtifactStore artifacts, Navigator navigator,
      WaitUntil jobWaitUntil) {
    this.job = job;
    this.session = session;
    this.reports = reports;
    this.result = result;
    this.deadline = deadline;
    this.settings = settings;
    this.artifacts = artifacts;
    this.navigator = navigator;
    this.elements = new Elements(session.driver());
    this.jobWaitUntil = jobWaitUntil;
  }

  /** Performs action {@code index}; returns the id of the artifact it stored, if any. */
  UUID perform(int index, Action action) {
    WebDriver driver = session.driver();
    switch (action) {
      case Navigate navigate -> {
        WaitUntil waitUntil = navigate.waitUntil() == null ? jobWaitUntil : navigate.waitUntil();
        Duration timeout = navigate.timeoutMs() == null
            ? deadline.remaining() : deadline.cap(Duration.ofMillis(navigate.timeoutMs()));
        navigator.open("action " + (index + 1) + "/" + job.actions().size() + " navigate", navigate.url(),
            waitUntil, timeout);
        return null;
      }
      case Click click -> {
        click(click);
        return null;
      }
      case Fill fill -> {
        onElement(fill, Elements.Readiness.ACTIONABLE, element -> {
          element.clear();
          element.sendKeys(fill.value());
          return null;
        });
        return null;
      }
      case Type type -> {
        onElement(type, Elements.Readiness.ACTIONABLE, element -> {
          if (type.delayOrZero() == 0) {
            element.sendKeys(type.value());
          } else {
            type.value().codePoints().forEach(c -> {
              element.sendKeys(Character.toString(c));
              sleep(type.delayOrZero());
            });
          }
          return null;
        });
        return null;
      }
      case Clear clear -> {
        onElement(clear, Elements.Readiness.ACTIONABLE, element -> {
          element.clear();
          return null;
        });
        return null;
      }
      case Select select -> {
        onElement(select, Elements.Readiness.ACTIONABLE, element -> {
          choose(select, element);
          return null;
        });
        return null;
      }
      case Check check -> {
        onElement(check, Elements.Readiness.ACTIONABLE, element -> setChecked(check, element, true));
        return null;
      }
      case Uncheck uncheck -> {
        onElement(uncheck, Elements.Readiness.ACTIONABLE, element -> setChecked(uncheck, element, false));
        return null;
      }
      case Hover hover -> {
        onElement(hover, Elements.Readiness.VISIBLE, element -> {
          centreInView(element);
          new Actions(driver).moveToElement(element).perform();
          return null;
        });
        return null;
      }
      case Press press -> {
        press(press);
        return null;
      }
      case Scroll scroll -> {
        scroll(scroll);
        return null;
      }
      case MoveCursor move -> {
        moveCursor(move);
        return null;
      }
      case WaitFor waitFor -> {
        waitFor(waitFor);
        return null;
      }
      case Wait wait -> {
        sleep(wait.ms());
        return null;
      }
      case Screenshot shot -> {
        ImageFormat format = ImageFormat.fromWireName(shot.typeOrPng()).orElseThrow();
        byte[] image = shot.hasTarget()
            ? onElement(shot, Elements.Readiness.VISIBLE, element -> session.screenshot(element, format, shot.quality()))
            : session.screenshot(shot.wantsFullPage(), format, shot.quality());
        return store(index, ArtifactType.SCREENSHOT, format.extension(), format.mimeType(), image);
      }
      case Pdf pdf -> {
        return store(index, ArtifactType.PDF, "pdf", "application/pdf", session.pdf(pdf));
      }
      case Extract extract -> {
        Duration wait = patience(extract);
        Object value = extract.wantsAll()
            ? elements.all(extract, wait, element -> read(extract, element))
            : elements.act(extract, Elements.Readiness.PRESENT, wait, element -> read(extract, element));
        result.putData(extract.name(), value);
        return null;
      }
      case Snapshot snapshot -> {
        return store(index, ArtifactType.DATA, "json", "application/json", JsonCodec.encode(snapshot(snapshot)));
      }
      case ExecuteScript script -> {
        if (!settings.executeScriptEnabled()) {
          throw new StepException(FailureKind.INVALID_ACTION,
              "executeScript is disabled on this worker (browserfleet.worker.execute-script-enabled)");
        }
        Duration timeout = patience(script);
        driver.manage().timeouts().scriptTimeout(timeout);
        Object value;
        try {
          value = ((JavascriptExecutor) driver).executeScript(script.script());
        } catch (org.openqa.selenium.JavascriptException e) {
          throw new StepException(FailureKind.INVALID_ACTION, "the script threw: " + FailureClassifier.summary(e));
        }
        result.putData(script.nameOrDefault(index), plain(value));
        return null;
      }
    }
  }

  private void click(Click click) {
    WebDriver driver = session.driver();
    WebElement before = click.waitsForNavigation() ? driver.findElement(org.openqa.selenium.By.tagName("html")) : null;
    onElement(click, Elements.Readiness.ACTIONABLE, element -> {
      if (click.buttonOrLeft().equals("left") && click.clickCountOrOne() == 1) {
        element.click();
      } else {
        centreInView(element);
        var mouse = new PointerInput(PointerInput.Kind.MOUSE, "default mouse");
        var button = switch (click.buttonOrLeft()) {
          case "right" -> PointerInput.MouseButton.RIGHT;
          case "middle" -> PointerInput.MouseButton.MIDDLE;
          default -> PointerInput.MouseButton.LEFT;
        };
        var clicks = new Sequence(mouse, 0)
            .addAction(mouse.createPointerMove(Duration.ZERO, PointerInput.Origin.fromElement(element), 0, 0));
        for (int i = 0; i < click.clickCountOrOne(); i++) {
          clicks.addAction(mouse.createPointerDown(button.asArg()));
          clicks.addAction(mouse.createPointerUp(button.asArg()));
        }
        ((Interactive) driver).perform(List.of(clicks));
      }
      return null;
    });
    if (before != null) {
      Duration wait = click.timeoutMs() == null ? deadline.remaining() : patience(click);
      long end = System.nanoTime() + wait.toNanos();
      while (isAttached(before)) {
        if (System.nanoTime() - end > 0) {
          throw new org.openqa.selenium.TimeoutException(
              "the click on " + Targets.describe(click) + " opened no new page within " + wait.toMillis() + " ms");
        }
        Elements.pause();
      }
      session.awaitPage(jobWaitUntil, Duration.ofNanos(Math.max(1, end - System.nanoTime())));
    }
  }

  private static boolean isAttached(WebElement element) {
    try {
      element.isEnabled();
      return true;
    } catch (org.openqa.selenium.StaleElementReferenceException gone) {
      return false;
    }
  }

  private static void choose(Select select, WebElement element) {
    org.openqa.selenium.support.ui.Select options;
    try {
      options = new org.openqa.selenium.support.ui.Select(element);
    } catch (UnexpectedTagNameException e) {
      throw new StepException(FailureKind.INVALID_ACTION, Targets.describe(select) + " is not a <select>");
    }
    try {
      if (select.value() != null) {
        options.selectByValue(select.value());
      } else if (select.label() != null) {
        options.selectByVisibleText(select.label());
      } else {
        options.selectByIndex(select.optionIndex());
      }
    } catch (NoSuchElementException e) {
      String which = select.value() != null ? "value '" + select.value() + "'"
          : select.label() != null ? "label '" + select.label() + "'" : "index " + select.optionIndex();
      throw new StepException(FailureKind.INVALID_ACTION, Targets.describe(select) + " has no option with " + which);
    }
  }

  private static Void setChecked(ElementAction action, WebElement element, boolean checked) {
    if (element.isSelected() == checked) {
      return null;
    }
    if (!checked && "radio".equals(element.getDomAttribute("type"))) {
      throw new StepException(FailureKind.INVALID_ACTION,
          Targets.describe(action) + " is a radio button, which cannot be unchecked");
    }
    element.click();
    if (element.isSelected() != checked) {
      throw new StepException(FailureKind.INVALID_ACTION,
          Targets.describe(action) + " did not become " + (checked ? "checked" : "unchecked") + " when clicked");
    }
    return null;
  }

  private void press(Press press) {
    KeyNames.Chord chord = KeyNames.parse(press.key())
        .orElseThrow(() -> new StepException(FailureKind.INVALID_ACTION, "'" + press.key() + "' is not a key"));
    if (press.hasTarget()) {
      onElement(press, Elements.Readiness.ACTIONABLE, element -> {
        var keys = new ArrayList<CharSequence>(chord.modifiers());
        keys.add(chord.key());
        element.sendKeys(org.openqa.selenium.Keys.chord(keys));
        return null;
      });
      return;
    }
    var keyboard = new Actions(session.driver());
    chord.modifiers().forEach(keyboard::keyDown);
    keyboard.sendKeys(chord.key());
    chord.modifiers().reversed().forEach(keyboard::keyUp);
    keyboard.perform();
  }

  private void scroll(Scroll scroll) {
    WebDriver driver = session.driver();
    Duration timeout = scroll.timeoutMs() == null ? deadline.remaining() : deadline.cap(Duration.ofMillis(scroll.timeoutMs()));
    driver.manage().timeouts().scriptTimeout(timeout);
    if (scroll.hasTarget()) {
      onElement(scroll, Elements.Readiness.PRESENT,
          element -> ((JavascriptExecutor) driver).executeAsyncScript(SCROLL_SCRIPT, "element", 0, scroll.speedOrDefault(), element));
    } else {
      String mode = scroll.wantsBottom() ? "bottom" : "y";
      int y = scroll.targetY() == null ? 0 : scroll.targetY();
      ((JavascriptExecutor) driver).executeAsyncScript(SCROLL_SCRIPT, mode, y, scroll.speedOrDefault(), null);
    }
  }

  private void moveCursor(MoveCursor move) {
    if (move.hasTarget()) {
      onElement(move, Elements.Readiness.VISIBLE, element -> {
        @SuppressWarnings("unchecked")
        List<Number> centre = (List<Number>) ((JavascriptExecutor) session.driver()).executeScript(CENTRE_IN_VIEW, element);
        glide(new CursorPath.Point(centre.get(0).intValue(), centre.get(1).intValue()), move.durationOrDefault());
        return null;
      });
    } else {
      glide(new CursorPath.Point(move.x(), move.y()), move.durationOrDefault());
    }
  }

  private void glide(CursorPath.Point to, int durationMs) {
    int steps = CursorPath.stepsFor(durationMs);
    List<CursorPath.Point> path = CursorPath.between(cursor, to, steps, ThreadLocalRandom.current());
    var mouse = new PointerInput(PointerInput.Kind.MOUSE, "default mouse");
    var moves = new Sequence(mouse, 0);
    Duration step = Duration.ofMillis(durationMs / steps);
    for (CursorPath.Point p : path) {
      moves.addAction(mouse.createPointerMove(step, PointerInput.Origin.viewport(), p.x(), p.y()));
    }
    ((Interactive) session.driver()).perform(List.of(moves));
    cursor = to;
  }

  private void waitFor(WaitFor waitFor) {
    Duration wait = patience(waitFor);
    if (waitFor.hasTarget()) {
      elements.awaitState(waitFor, waitFor.stateOrVisible(), wait);
    } else if (waitFor.wantsNetworkIdle()) {
      session.awaitNetworkIdle(wait);
    } else if (waitFor.text() != null) {
      long end = System.nanoTime() + wait.toNanos();
      elements.inFrame(waitFor, end, wait, () -> {
        until(end, () -> pageText().contains(waitFor.text()),
            () -> "the text '" + waitFor.text() + "' did not appear within " + wait.toMillis() + " ms");
        return null;
      });
    } else {
      long end = System.nanoTime() + wait.toNanos();
      until(end, () -> String.valueOf(session.currentUrl()).contains(waitFor.urlContains()),
          () -> "the URL did not come to contain '" + waitFor.urlContains() + "' within " + wait.toMillis()
              + " ms (it is " + session.currentUrl() + ")");
    }
  }

  private String pageText() {
    Object text = ((JavascriptExecutor) session.driver())
        .executeScript("return document.body ? document.body.innerText : ''");
    return text == null ? "" : text.toString();
  }

  private static void until(long endNanos, java.util.function.BooleanSupplier condition,
      java.util.function.Supplier<String> failure) {
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - endNanos > 0) {
        throw new StepException(FailureKind.ELEMENT_NOT_FOUND, failure.get());
      }
      Elements.pause();
    }
  }

  private Map<String, Object> snapshot(Snapshot snapshot) {
    WebDriver driver = session.driver();
    var page = new LinkedHashMap<String, Object>();
    page.put("url", session.currentUrl());
    page.put("title", session.title());
    page.put("html", driver.getPageSource());
    if (Boolean.TRUE.equals(snapshot.cookies())) {
      page.put("cookies", driver.manage().getCookies().stream().map(ActionSteps::cookie).toList());
    }
    if (Boolean.TRUE.equals(snapshot.localStorage())) {
      page.put("localStorage", ((JavascriptExecutor) driver).executeScript(STORAGE_SCRIPT, "local"));
    }
    if (Boolean.TRUE.equals(snapshot.sessionStorage())) {
      page.put("sessionStorage", ((JavascriptExecutor) driver).executeScript(STORAGE_SCRIPT, "session"));
    }
    return page;
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

  /** A script's value as JSON-friendly data: elements become their tag name. */
  private static Object plain(Object value) {
    return switch (value) {
      case null -> null;
      case WebElement element -> "<" + element.getTagName() + ">";
      case List<?> list -> list.stream().map(ActionSteps::plain).toList();
      case Map<?, ?> map -> {
        var out = new LinkedHashMap<String, Object>();
        map.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
        yield out;
      }
      default -> value;
    };
  }

  private UUID store(int index, ArtifactType type, String extension, String mimeType, byte[] bytes) {
    Artifact artifact = artifacts.store(job.jobId(), type, extension, mimeType, bytes, index);
    reports.artifactStored(artifact);
    return artifact.id();
  }

  private <T> T onElement(ElementAction action, Elements.Readiness readiness, Function<WebElement, T> act) {
    return elements.act(action, readiness, patience(action), act);
  }

  private void centreInView(WebElement element) {
    ((JavascriptExecutor) session.driver()).executeScript(CENTRE_IN_VIEW, element);
  }

  private static String read(Extract extract, WebElement element) {
    if (extract.attribute() != null) {
      return element.getDomAttribute(extract.attribute());
    }
    String property = extract.property() == null ? "text" : extract.property();
    return switch (property) {
      case "html" -> element.getDomProperty("innerHTML");
      case "value" -> element.getDomProperty("value");
      default -> {
        // getText() is the rendered text; an element that is not rendered still has its content.
        String text = element.getText();
        if (text.isEmpty()) {
          String content = element.getDomProperty("textContent");
          yield content == null ? "" : content.strip();
        }
        yield text;
      }
    };
  }

  /** How long an action may wait: its own timeoutMs or the default, within the attempt's deadline. */
  private Duration patience(Action action) {
    Duration wanted = action.timeoutMs() == null
        ? settings.defaultActionTimeout() : Duration.ofMillis(action.timeoutMs());
    return deadline.cap(wanted);
  }

  static void sleep(long millis) {
    try {
      TimeUnit.MILLISECONDS.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SessionInterruptedException("interrupted during a wait");
    }
  }
}

package dev.browserfleet.worker.execution;

import dev.browserfleet.contracts.action.Click;
import dev.browserfleet.contracts.action.Hover;
import dev.browserfleet.contracts.action.MoveCursor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.Interactive;
import org.openqa.selenium.interactions.PointerInput;
import org.openqa.selenium.interactions.Sequence;

/** The mouse: clicks, hovering and cursor moves. */
final class PointerSteps {

  private static final String CENTRE_IN_VIEW = StepContext.script("centre-in-view.js");

  private final StepContext context;
  // Where the mouse is, in viewport pixels: WebDriver cannot tell, so the attempt keeps track.
  private CursorPath.Point cursor = new CursorPath.Point(0, 0);

  PointerSteps(StepContext context) {
    this.context = context;
  }

  void click(Click click) {
    WebDriver driver = context.session.driver();
    Object before = click.waitsForNavigation() ? documentOf(driver) : null;
    context.session.checkMouseButton(click.buttonOrLeft());
    context.onElement(click, Elements.Readiness.ACTIONABLE, element -> {
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
      Duration wait = click.timeoutMs() == null ? context.deadline.remaining() : context.patience(click);
      long end = System.nanoTime() + wait.toNanos();
      for (Object now = before; now == null || now.equals(before); now = documentOf(driver)) {
        if (System.nanoTime() - end > 0) {
          throw new org.openqa.selenium.TimeoutException(
              "the click on " + Targets.describe(click) + " opened no new page within " + wait.toMillis() + " ms");
        }
        Elements.pause();
      }
      context.session.awaitPage(context.jobWaitUntil, Duration.ofNanos(Math.max(1, end - System.nanoTime())));
    }
  }

  /**
   * Which document the page shows: its time origin, new with every document (a same-document
   * navigation keeps it), or null while the page is between documents. Not the staleness of an
   * element of the old one: Firefox over BiDi still finds a document kept in its back-forward cache.
   */
  private static Object documentOf(WebDriver driver) {
    try {
      return ((JavascriptExecutor) driver).executeScript("return performance.timeOrigin");
    } catch (org.openqa.selenium.WebDriverException betweenDocuments) {
      return null;
    }
  }

  void hover(Hover hover) {
    context.onElement(hover, Elements.Readiness.VISIBLE, element -> {
      centreInView(element);
      new Actions(context.session.driver()).moveToElement(element).perform();
      return null;
    });
  }

  void moveCursor(MoveCursor move) {
    if (move.hasTarget()) {
      context.onElement(move, Elements.Readiness.VISIBLE, element -> {
        List<Number> centre = centreInView(element);
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
    ((Interactive) context.session.driver()).perform(List.of(moves));
    cursor = to;
  }

  /** Scrolls the element to the middle of the view; its centre in viewport pixels. */
  @SuppressWarnings("unchecked")
  List<Number> centreInView(WebElement element) {
    return (List<Number>) ((JavascriptExecutor) context.session.driver()).executeScript(CENTRE_IN_VIEW, element);
  }
}

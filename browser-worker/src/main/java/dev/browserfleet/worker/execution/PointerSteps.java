package dev.browserfleet.worker.execution;

import dev.browserfleet.contracts.action.Click;
import dev.browserfleet.contracts.action.Hover;
import dev.browserfleet.contracts.action.MoveCursor;
import dev.browserfleet.worker.engine.BrowserSession.Point;
import dev.browserfleet.worker.engine.BrowserSession;
import dev.browserfleet.worker.engine.Deadline;
import dev.browserfleet.worker.engine.EngineException;
import dev.browserfleet.worker.engine.PageElement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** The mouse: clicks, hovering and cursor moves. */
final class PointerSteps {

  private static final String CENTRE_IN_VIEW = StepContext.script("centre-in-view.js");

  private final StepContext context;
  // Where the mouse is, in viewport pixels: WebDriver cannot tell, so the attempt keeps track.
  private Point cursor = new Point(0, 0);

  PointerSteps(StepContext context) {
    this.context = context;
  }

  void click(Click click) {
    BrowserSession session = context.session;
    Object before = click.waitsForNavigation() ? documentOf(session) : null;
    session.checkMouseButton(click.buttonOrLeft());
    context.onElement(click, Elements.Readiness.ACTIONABLE, element -> {
      if (click.buttonOrLeft().equals("left") && click.clickCountOrOne() == 1) {
        element.click();
      } else {
        centreInView(element);
        session.click(element, click.buttonOrLeft(), click.clickCountOrOne());
      }
      return null;
    });
    if (before != null) {
      Duration wait = click.timeoutMs() == null ? context.deadline.remaining() : context.patience(click);
      Deadline until = context.deadline.within(wait);
      for (Object now = before; now == null || now.equals(before); now = documentOf(session)) {
        if (until.expired()) {
          throw new EngineException(EngineException.Kind.TIMEOUT,
              "the click on " + Targets.describe(click) + " opened no new page within " + wait.toMillis() + " ms");
        }
        Elements.pause();
      }
      session.awaitPage(context.jobWaitUntil, until);
    }
  }

  /**
   * Which document the page shows: its time origin, new with every document (a same-document
   * navigation keeps it), or null while the page is between documents. Not the staleness of an
   * element of the old one: Firefox over BiDi still finds a document kept in its back-forward cache.
   */
  private static Object documentOf(BrowserSession session) {
    try {
      return session.runScript("return performance.timeOrigin");
    } catch (EngineException betweenDocuments) {
      return null;
    }
  }

  void hover(Hover hover) {
    context.onElement(hover, Elements.Readiness.VISIBLE, element -> {
      centreInView(element);
      context.session.hover(element);
      return null;
    });
  }

  void moveCursor(MoveCursor move) {
    if (move.hasTarget()) {
      context.onElement(move, Elements.Readiness.VISIBLE, element -> {
        List<Number> centre = centreInView(element);
        glide(new Point(centre.get(0).intValue(), centre.get(1).intValue()), move.durationOrDefault());
        return null;
      });
    } else {
      glide(new Point(move.x(), move.y()), move.durationOrDefault());
    }
  }

  private void glide(Point to, int durationMs) {
    int steps = CursorPath.stepsFor(durationMs);
    List<Point> path = CursorPath.between(cursor, to, steps, ThreadLocalRandom.current());
    context.session.moveMouse(path, Duration.ofMillis(durationMs / steps));
    cursor = to;
  }

  /** Scrolls the element to the middle of the view; its centre in viewport pixels. */
  @SuppressWarnings("unchecked")
  List<Number> centreInView(PageElement element) {
    return (List<Number>) context.session.runScript(CENTRE_IN_VIEW, element);
  }
}

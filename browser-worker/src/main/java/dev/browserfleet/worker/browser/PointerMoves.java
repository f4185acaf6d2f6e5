package dev.browserfleet.worker.browser;

import dev.browserfleet.worker.engine.BrowserSession.Point;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Interactive;
import org.openqa.selenium.interactions.PointerInput;
import org.openqa.selenium.interactions.Sequence;

/** The mouse as W3C input actions, which every engine's driver performs the same way. */
final class PointerMoves {

  private PointerMoves() {}

  /** Moves the mouse to the centre of {@code element} and clicks {@code button} {@code count} times. */
  static void click(WebDriver driver, WebElement element, String button, int count) {
    var mouse = mouse();
    var pressed = switch (button) {
      case "right" -> PointerInput.MouseButton.RIGHT;
      case "middle" -> PointerInput.MouseButton.MIDDLE;
      default -> PointerInput.MouseButton.LEFT;
    };
    var clicks = new Sequence(mouse, 0)
        .addAction(mouse.createPointerMove(Duration.ZERO, PointerInput.Origin.fromElement(element), 0, 0));
    for (int i = 0; i < count; i++) {
      clicks.addAction(mouse.createPointerDown(pressed.asArg()));
      clicks.addAction(mouse.createPointerUp(pressed.asArg()));
    }
    ((Interactive) driver).perform(List.of(clicks));
  }

  /** Moves the mouse through {@code path} in viewport pixels, {@code step} per point. */
  static void glide(WebDriver driver, List<Point> path, Duration step) {
    var mouse = mouse();
    var moves = new Sequence(mouse, 0);
    for (Point p : path) {
      moves.addAction(mouse.createPointerMove(step, PointerInput.Origin.viewport(), p.x(), p.y()));
    }
    ((Interactive) driver).perform(List.of(moves));
  }

  private static PointerInput mouse() {
    return new PointerInput(PointerInput.Kind.MOUSE, "default mouse");
  }
}

package dev.browserfleet.worker.browser;

import dev.browserfleet.worker.engine.PageScripts;
import java.time.Duration;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/** Dragging one element onto another, as {@link DriverSession#dragAndDrop} does by default. */
final class DragAndDrops {

  private static final String IS_DRAGGABLE = PageScripts.load(DragAndDrops.class, "is-draggable.js");
  private static final String HTML5 = PageScripts.load(DragAndDrops.class, "drag-and-drop.js");
  // Long enough for a page's mouse handlers to see moves between press and release.
  private static final Duration MOVE = Duration.ofMillis(300);

  private DragAndDrops() {}

  /**
   * A draggable source gets the HTML5 drag events (see {@code drag-and-drop.js}); any other is
   * pressed, moved over {@code target} and released with the mouse, for pages that drag by mouse
   * or pointer events.
   */
  static void perform(WebDriver driver, WebElement source, WebElement target) {
    var script = (JavascriptExecutor) driver;
    if (Boolean.TRUE.equals(script.executeScript(IS_DRAGGABLE, source))) {
      script.executeScript(HTML5, source, target);
      return;
    }
    new Actions(driver, MOVE).moveToElement(source).clickAndHold().moveToElement(target).release().perform();
  }
}

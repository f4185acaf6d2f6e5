package dev.browserfleet.worker.browser;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Point;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.UnsupportedCommandException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;

/**
 * An element of a page driven over WebDriver BiDi: a shared reference to a node in one browsing
 * context. Reads go through {@code bidi-element.js}; clicks and keys are real input actions.
 */
final class BiDiElement implements WebElement {

  private final BiDiDriver driver;
  private final String context;
  private final String sharedId;

  BiDiElement(BiDiDriver driver, String context, String sharedId) {
    this.driver = driver;
    this.context = context;
    this.sharedId = sharedId;
  }

  String sharedId() {
    return sharedId;
  }

  String context() {
    return context;
  }

  private Object op(String op, Object arg) {
    return driver.elementScript(context, this, op, arg);
  }

  /** Scrolls the element to the middle of the view and presses the left button over it, as a user would. */
  @Override
  public void click() {
    if (op("clickPoint", null) == null) {
      return; // an <option>, chosen in the page as WebDriver's element click chooses one
    }
    var origin = Map.of("type", "element", "element", Map.of("sharedId", sharedId));
    driver.performInput(context, List.of(Map.of("type", "pointer", "id", "bf-mouse",
        "parameters", Map.of("pointerType", "mouse"),
        "actions", List.of(
            Map.of("type", "pointerMove", "x", 0, "y", 0, "origin", origin, "duration", 0),
            Map.of("type", "pointerDown", "button", 0),
            Map.of("type", "pointerUp", "button", 0)))));
  }

  @Override
  public void submit() {
    throw new UnsupportedCommandException("submit is not offered over WebDriver BiDi; click the form's button");
  }

  /**
   * Focuses the element (the caret at the end of its text) and types {@code keys} as key presses.
   * A modifier (Shift, Control, Alt, Meta) stays down until the NULL key or the end, as in
   * WebDriver's element send keys.
   */
  @Override
  public void sendKeys(CharSequence... keys) {
    op("focus", null);
    var actions = new ArrayList<Map<String, Object>>();
    var held = new ArrayList<String>();
    String text = String.join("", keys);
    text.codePoints().forEach(cp -> {
      String key = Character.toString(cp);
      if (cp == 0xE000) {
        held.reversed().forEach(k -> actions.add(Map.of("type", "keyUp", "value", k)));
        held.clear();
      } else if (isModifier(cp)) {
        if (!held.contains(key)) {
          held.add(key);
          actions.add(Map.of("type", "keyDown", "value", key));
        }
      } else {
        actions.add(Map.of("type", "keyDown", "value", key));
        actions.add(Map.of("type", "keyUp", "value", key));
      }
    });
    held.reversed().forEach(k -> actions.add(Map.of("type", "keyUp", "value", k)));
    if (!actions.isEmpty()) {
      driver.performInput(context, List.of(Map.of("type", "key", "id", "bf-keyboard", "actions", actions)));
    }
  }

  private static boolean isModifier(int codePoint) {
    return switch (codePoint) {
      case 0xE008, 0xE009, 0xE00A, 0xE03D, 0xE050, 0xE051, 0xE052, 0xE053 -> true;
      default -> false;
    };
  }

  @Override
  public void clear() {
    op("clear", null);
  }

  @Override
  public String getTagName() {
    return (String) op("tag", null);
  }

  @Override
  public String getDomProperty(String name) {
    Object value = op("property", name);
    return value == null ? null : String.valueOf(value);
  }

  @Override
  public String getDomAttribute(String name) {
    return (String) op("attribute", name);
  }

  @Override
  public String getAttribute(String name) {
    String attribute = getDomAttribute(name);
    return attribute != null ? attribute : getDomProperty(name);
  }

  @Override
  public boolean isSelected() {
    return Boolean.TRUE.equals(op("selected", null));
  }

  @Override
  public boolean isEnabled() {
    return Boolean.TRUE.equals(op("enabled", null));
  }

  @Override
  public String getText() {
    Object text = op("text", null);
    return text == null ? "" : text.toString();
  }

  @Override
  public List<WebElement> findElements(By by) {
    return driver.find(context, this, by);
  }

  @Override
  public WebElement findElement(By by) {
    List<WebElement> found = findElements(by);
    if (found.isEmpty()) {
      throw new NoSuchElementException("no element matches " + by + " in " + this);
    }
    return found.getFirst();
  }

  @Override
  public boolean isDisplayed() {
    return Boolean.TRUE.equals(op("displayed", null));
  }

  @Override
  public Point getLocation() {
    Rectangle rect = getRect();
    return new Point(rect.getX(), rect.getY());
  }

  @Override
  public Dimension getSize() {
    return getRect().getDimension();
  }

  @Override
  public Rectangle getRect() {
    throw new UnsupportedCommandException("the element's rectangle is not offered over WebDriver BiDi here");
  }

  @Override
  public String getCssValue(String propertyName) {
    Object value = op("css", propertyName);
    return value == null ? "" : String.valueOf(value);
  }

  /** The element alone, as the browser paints it (a PNG). */
  @Override
  public <X> X getScreenshotAs(OutputType<X> target) throws WebDriverException {
    return target.convertFromBase64Png(driver.elementScreenshot(context, sharedId));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof BiDiElement element && element.sharedId.equals(sharedId);
  }

  @Override
  public int hashCode() {
    return sharedId.hashCode();
  }

  @Override
  public String toString() {
    return "element " + sharedId;
  }
}
